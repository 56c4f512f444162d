import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../support/synth";

/** The library (lib/) must be usable without the YAML app: it never imports config/, stacks/ or tools/. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("layers", () => {
  test("lib/ imports only itself, the generated bindings, the function's shared contract files and packages", () => {
    const allowedOutside = ["functions/mail-to-alert/contract.ts", "functions/mail-to-alert/marker-notes.ts", "functions/dlq-reminder/contract.ts", "functions/canary/contract.ts", "functions/reply-sender/contract.ts", "functions/oncall-status/contract.ts"];
    const offending: string[] = [];
    for (const file of filesUnder(path.join(REPO_ROOT, "lib"))) {
      for (const imp of ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles) {
        if (!imp.fileName.startsWith(".")) continue;
        const target = path.relative(REPO_ROOT, path.resolve(path.dirname(file), imp.fileName)).replace(/\\/g, "/");
        const ok = target.startsWith("lib/") || target.startsWith(".gen/") || allowedOutside.includes(`${target}.ts`) || allowedOutside.includes(target);
        if (!ok) offending.push(`${path.relative(REPO_ROOT, file)} -> ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
