import type { Json } from "./model";

/** cdktf asset paths look like `assets/<asset logical id>/<UPPER-HEX content hash>/archive.zip`. */
const ASSET_PATH = /assets\/([^/"\\]+)\/([0-9A-F]{16,64})(?=[/"\\]|$)/g;

/** Content hash -> asset name, for every asset path mentioned anywhere in a stack. */
export function assetHashes(stackJson: Json): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of JSON.stringify(stackJson).matchAll(ASSET_PATH)) found.set(m[2]!, m[1]!);
  return found;
}

/**
 * Replaces asset content hashes by a placeholder naming the asset, so that a value which differs
 * only by hash compares equal and the review can say "function code changed" instead of printing
 * two meaningless hashes. Returns the names of the assets whose hashes occurred.
 */
export function normalizeAssets(value: Json, hashes: ReadonlyMap<string, string>): { value: Json; assets: string[] } {
  if (hashes.size === 0) return { value, assets: [] };
  const assets = new Set<string>();
  const walk = (v: Json): Json => {
    if (typeof v === "string") {
      let s = v;
      for (const [hash, name] of hashes) {
        if (s.includes(hash)) {
          s = s.split(hash).join("<hash>");
          assets.add(name);
        }
      }
      return s;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      const out: { [k: string]: Json } = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  const normalized = walk(value);
  return { value: normalized, assets: [...assets].sort() };
}
