import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { bundleFunction } from "../../stacks/function-bundle";
import { sesEventFor } from "../../tools/lib/ses-event";
import { testConfig } from "./support/config";

const run = promisify(execFile);
const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-bundle-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

/** Imports the Lambda artifact in a fresh ESM node process, as the runtime does, and calls the handler. */
async function invokeBundle(env: Record<string, string>, event: unknown) {
  const file = path.join(bundleFunction("mail-to-alert", outRoot).dir, "index.mjs");
  const script = `const m = await import(${JSON.stringify("file://" + file)}); const out = await m.handler(JSON.parse(process.env.EVENT), { awsRequestId: "req-1", getRemainingTimeInMillis: () => 60000 }); process.stdout.write("OUTCOME " + JSON.stringify(out) + "\\n");`;
  return run(process.execPath, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH ?? "", NODE_NO_WARNINGS: "1", EVENT: JSON.stringify(event), ...env } });
}

const raw = fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", "30-virus.eml"));

describe("bundled function (functions/mail-to-alert/index.ts through esbuild)", () => {
  it("exports an async handler that decides, logs JSON lines and emits EMF metrics", async () => {
    const { stdout } = await invokeBundle(
      { EVENT_CONFIG: JSON.stringify(testConfig), ONCALL_URL_PARAMETER: "/e2o/black-friday-2026/oncall-integration-url" },
      sesEventFor(raw, { recipients: testConfig.addresses, verdicts: { virus: "FAIL" } }),
    );
    const lines = stdout.trim().split("\n");
    expect(JSON.parse(lines.find((l) => l.startsWith("OUTCOME "))!.slice(8))).toMatchObject({ action: "drop", reason: "VIRUS" });
    const logs = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(logs).toContainEqual(expect.objectContaining({ level: "INFO", message: "mail dropped", reason: "VIRUS", requestId: "req-1", event: "black-friday-2026" }));
    expect(logs).toContainEqual(expect.objectContaining({ _aws: expect.any(Object), Event: "black-friday-2026", Reason: "VIRUS", MailsDropped: 1 }));
  });

  it("fails the cold start with a message naming the bad field", async () => {
    const err = await invokeBundle({ EVENT_CONFIG: JSON.stringify({ ...testConfig, bodyMaxChars: 5 }), ONCALL_URL_PARAMETER: "/p" }, {}).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toContain("EVENT_CONFIG is invalid: bodyMaxChars: must be at least 500");
  });
});
