import * as fs from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { projectRoot } from "./paths";
import { zipFiles } from "./zip";

export interface FunctionBundle {
  /** Folder holding index.mjs. */
  readonly dir: string;
  /** Deterministic zip of the folder: the Lambda deployment package. */
  readonly zip: string;
  /** Size of index.mjs in bytes (what every cold start loads; lazily loaded chunks not counted). */
  readonly bytes: number;
}

const cache = new Map<string, FunctionBundle>();

/**
 * Bundles `functions/<name>/index.ts` into one minified ESM file for the Lambda Node runtime and
 * zips it, once per process (every event stack shares it). The AWS SDK v3 ships with the runtime,
 * so it stays external (smaller bundle, faster cold start). Output is deterministic, so the asset
 * hash only changes when the code does.
 */
export function bundleFunction(name: string, outRoot = path.join(projectRoot(), ".build", "functions")): FunctionBundle {
  const key = `${name}\0${outRoot}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const dir = path.join(outRoot, name);
  fs.rmSync(dir, { recursive: true, force: true });
  buildSync({
    entryPoints: [path.join(projectRoot(), "functions", name, "index.ts")],
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    // Dynamic imports become chunks of their own: mailauth (ARC, about 1.2 MB with its
    // dependencies) loads only when a mail names a declared relay, not on every cold start.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    // CommonJS modules are keyed by their path relative to the working directory: pin it, so the
    // bundle (and the asset hash) is the same whichever folder synth runs from.
    absWorkingDir: projectRoot(),
    // ...and through node_modules as linked, not its real path: a checkout whose node_modules is a
    // link to another checkout's (npm run review's base) must bundle the same bytes.
    preserveSymlinks: true,
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
  const code = fs.readFileSync(path.join(dir, "index.mjs"));
  const files: Record<string, Buffer> = { "index.mjs": code };
  const chunks = path.join(dir, "chunks");
  if (fs.existsSync(chunks)) for (const f of fs.readdirSync(chunks).sort()) files[`chunks/${f}`] = fs.readFileSync(path.join(chunks, f));
  const zip = path.join(outRoot, `${name}.zip`);
  fs.writeFileSync(zip, zipFiles(files));
  const bundle = { dir, zip, bytes: code.length };
  cache.set(key, bundle);
  return bundle;
}
