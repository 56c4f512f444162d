import * as fs from "node:fs";
import * as path from "node:path";

let root: string | undefined;

/** The repository root (folder of package.json), whether running from source or from .build/app. */
export function projectRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "cdktf.json"))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`cannot find the project root above ${__dirname}`);
  }
}
