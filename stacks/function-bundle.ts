import * as fs from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { projectRoot } from "./paths";

export interface FunctionBundle {
  /** Folder holding index.mjs (the asset to zip). */
  readonly dir: string;
  readonly bytes: number;
}

const cache = new Map<string, FunctionBundle>();

/**
 * Bundles `functions/<name>/index.ts` into one minified ESM file for the Lambda Node runtime.
 * The AWS SDK v3 ships with the runtime, so it stays external (smaller bundle, faster cold start).
 * Output is deterministic, so the asset hash only changes when the code does.
 */
export function bundleFunction(name: string, outRoot = path.join(projectRoot(), ".build", "functions")): FunctionBundle {
  const key = `${name}\0${outRoot}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const dir = path.join(outRoot, name);
  fs.rmSync(dir, { recursive: true, force: true });
  buildSync({
    entryPoints: [path.join(projectRoot(), "functions", name, "index.ts")],
    outfile: path.join(dir, "index.mjs"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node22",
    external: ["@aws-sdk/*"],
    legalComments: "none",
    // Some CommonJS dependencies call require(); give ESM output a real one.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: "error",
  });
  const bundle = { dir, bytes: fs.statSync(path.join(dir, "index.mjs")).size };
  cache.set(key, bundle);
  return bundle;
}
