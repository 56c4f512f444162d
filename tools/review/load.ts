import * as fs from "node:fs";
import * as path from "node:path";
import type { JsonObject, SynthSet } from "./model";

/**
 * Reads `<outdir>/stacks/<stack>/cdk.tf.json` (what `cdktf synth` writes) or, when `dir` itself
 * holds stack folders, `<dir>/<stack>/cdk.tf.json`. A missing folder is an empty set.
 */
export function loadSynthSet(dir: string): SynthSet {
  const stacksDir = fs.existsSync(path.join(dir, "stacks")) ? path.join(dir, "stacks") : dir;
  const set: Record<string, JsonObject> = {};
  if (!fs.existsSync(stacksDir)) return set;
  for (const entry of fs.readdirSync(stacksDir, { withFileTypes: true })) {
    const file = path.join(stacksDir, entry.name, "cdk.tf.json");
    if (entry.isDirectory() && fs.existsSync(file)) set[entry.name] = JSON.parse(fs.readFileSync(file, "utf8")) as JsonObject;
  }
  return set;
}
