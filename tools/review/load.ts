import * as fs from "node:fs";
import * as path from "node:path";
import type { JsonObject, SynthSet } from "./model";
import { runtimeConfigOfLayerZip } from "../../lib/aws/runtime-config-layer";
import { LAYER_CONFIG_KEY } from "./who-can-page";

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
    if (entry.isDirectory() && fs.existsSync(file)) set[entry.name] = inlineLayerConfigs(JSON.parse(fs.readFileSync(file, "utf8")) as JsonObject, path.join(stacksDir, entry.name));
  }
  return set;
}

/**
 * The function's runtime config ships in a layer zip (issue 13), which the JSON only names. Its
 * document is inlined into the layer's body, so the review shows who-can-page changes field by
 * field, as it did when the config was an environment variable. A zip that is gone or unreadable
 * leaves the body as it is (the asset change still shows).
 */
function inlineLayerConfigs(stack: JsonObject, stackDir: string): JsonObject {
  const layers = (stack.resource as JsonObject | undefined)?.aws_lambda_layer_version as JsonObject | undefined;
  for (const layer of Object.values(layers ?? {}) as JsonObject[]) {
    const zip = typeof layer.filename === "string" ? path.join(stackDir, layer.filename) : "";
    if (!zip || !fs.existsSync(zip)) continue;
    try {
      const text = runtimeConfigOfLayerZip(fs.readFileSync(zip));
      if (text !== undefined) layer[LAYER_CONFIG_KEY] = text;
    } catch {
      // not a zip this project wrote
    }
  }
  return stack;
}
