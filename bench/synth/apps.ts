import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";

/**
 * A config folder with the example foundation and `n` events cloned from the example event
 * (unique slug, title and address each), so that generated apps differ from the example only
 * in the number of events.
 */
export function writeEventsDir(root: string, exampleDir: string, n: number): string {
  const dir = path.join(root, `events-${n}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(exampleDir, "foundation.yaml"), path.join(dir, "foundation.yaml"));
  const template = fs.readFileSync(path.join(exampleDir, "black-friday-2026.yaml"), "utf8");
  // The example's customer registry (beside its events/), when it has one: the clones serve its customers.
  const registry = path.join(exampleDir, "..", "customers");
  const withCustomers = fs.existsSync(registry) && parseDocument(template).has("customers");
  if (withCustomers) fs.cpSync(registry, path.join(dir, "customers"), { recursive: true });
  for (let i = 1; i <= n; i++) {
    const slug = `bench-event-${String(i).padStart(3, "0")}`;
    const doc = parseDocument(template);
    doc.set("slug", slug);
    doc.set("title", `Bench event ${i}`);
    doc.set("recipients", [slug]);
    // A customer with an alias reaches one receipt rule: only the first clone serves Globex.
    if (withCustomers && i > 1) doc.set("customers", ["acme-shop"]);
    fs.writeFileSync(path.join(dir, `${slug}.yaml`), doc.toString());
  }
  return dir;
}

/** `lib/<dir>` -> namespace exported by the package root (`s3-bucket` -> `s3Bucket`), read from its index. */
export function rootNamespaces(providerDir: string): Map<string, string> {
  const index = fs.readFileSync(path.join(providerDir, "lib", "index.js"), "utf8");
  const map = new Map<string, string>();
  for (const m of index.matchAll(/exports\.(\w+) = require\("\.\/([\w-]+)"\);/g)) map.set(m[2]!, m[1]!);
  return map;
}

/**
 * Rewrites deep imports of the transpiled app into root imports:
 * `require("@cdktf/provider-aws/lib/s3-bucket")` -> `require("@cdktf/provider-aws").s3Bucket`.
 * The module objects are the same ones the root re-exports, so the app behaves identically; only
 * the loading cost differs (the root loads every one of the provider's ~2,200 modules).
 */
export function rewriteToRootImports(source: string, namespaces: ReadonlyMap<string, string>): { code: string; rewritten: number } {
  let rewritten = 0;
  const code = source.replace(/require\("@cdktf\/provider-aws\/lib\/([\w-]+)"\)/g, (whole, dir: string) => {
    const ns = namespaces.get(dir);
    if (!ns) return whole;
    rewritten++;
    return `require("@cdktf/provider-aws").${ns}`;
  });
  return { code, rewritten };
}

/** Copies the transpiled app (.build/app) to `dest` with root imports; returns how many were rewritten. */
export function makeRootImportApp(buildApp: string, dest: string, namespaces: ReadonlyMap<string, string>): number {
  fs.rmSync(dest, { recursive: true, force: true });
  let total = 0;
  const walk = (from: string, to: string) => {
    fs.mkdirSync(to, { recursive: true });
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, e.name);
      const dst = path.join(to, e.name);
      if (e.isDirectory()) walk(src, dst);
      else if (e.name.endsWith(".js")) {
        const r = rewriteToRootImports(fs.readFileSync(src, "utf8"), namespaces);
        total += r.rewritten;
        fs.writeFileSync(dst, r.code);
      } else fs.copyFileSync(src, dst);
    }
  };
  walk(buildApp, dest);
  return total;
}
