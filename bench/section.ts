import * as fs from "node:fs";
import * as path from "node:path";

/** Rewrites only the `<!-- bench:<name>:start/end -->` section of BENCHMARKS.md (appended when missing). */
export function writeBenchSection(name: string, markdown: string): void {
  const file = path.join(__dirname, "..", "BENCHMARKS.md");
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const cur = fs.readFileSync(file, "utf8");
  const i = cur.indexOf(start);
  const j = cur.indexOf(end);
  fs.writeFileSync(file, i >= 0 && j > i ? cur.slice(0, i + start.length) + "\n" + markdown + "\n" + cur.slice(j) : `${cur.trimEnd()}\n\n${start}\n${markdown}\n${end}\n`);
}
