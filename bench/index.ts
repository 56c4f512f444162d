import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** `npm run bench`: every bench/*.bench.ts in turn, each in its own process (clean memory and timings). */
const dir = __dirname;
const tsx = path.join(dir, "..", "node_modules", "tsx", "dist", "cli.mjs");
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
let failed = 0;
for (const bench of benches) {
  process.stderr.write(`\n# ${bench}\n`);
  const r = spawnSync(process.execPath, [tsx, path.join(dir, bench)], { stdio: "inherit", cwd: path.join(dir, "..") });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`${bench} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
