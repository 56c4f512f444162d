/**
 * `npm run build:lib` (also run by `npm pack` through `prepack`): the publishable library in dist/.
 * - tsc compiles lib/ (with the generated Grafana bindings and the function's contract) to
 *   JavaScript with declarations;
 * - the mail-to-alert function is bundled once and shipped as dist/assets/mail-to-alert.zip, so a
 *   consumer's synth needs no bundler (EmergencyInbox uses it unless given `codeZip`);
 * - the dlq-reminder function likewise, as dist/assets/dlq-reminder.zip (`reminder.codeZip`);
 * - the reply-sender function likewise, as dist/assets/reply-sender.zip (`replies.senderCodeZip`);
 * - the oncall-status function likewise, as dist/assets/oncall-status.zip (`replies.status.codeZip`);
 * - the canary function likewise, as dist/assets/canary.zip (`canary.codeZip`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleFunction } from "../stacks/function-bundle";

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.lib.json")], { stdio: "inherit", cwd: root });
const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-lib-bundle-"));
fs.mkdirSync(path.join(dist, "assets"), { recursive: true });
const shipped: string[] = [];
for (const name of ["mail-to-alert", "dlq-reminder", "canary", "reply-sender", "oncall-status"]) {
  const bundle = bundleFunction(name, outRoot);
  fs.copyFileSync(bundle.zip, path.join(dist, "assets", `${name}.zip`));
  shipped.push(`dist/assets/${name}.zip (${fs.statSync(bundle.zip).size} bytes)`);
}
process.stderr.write(`build:lib: dist/lib (${fs.readdirSync(path.join(dist, "lib")).length} entries), ${shipped.join(", ")}\n`);
