import type { Json } from "./model";

/** Marks a path step that descends into a string holding JSON (IAM policies, EVENT_CONFIG). */
export const JSON_STEP = "⟨json⟩";

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function keyStep(prefix: string, key: string): string {
  const step = SIMPLE_KEY.test(key) ? key : JSON.stringify(key);
  return prefix === "" ? step : `${prefix}.${step}`;
}

function embeddedJson(value: string): Json | undefined {
  const t = value.trimStart();
  if (!(t.startsWith("{") || t.startsWith("["))) return undefined;
  try {
    const parsed = JSON.parse(value) as Json;
    return parsed !== null && typeof parsed === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const isScalarList = (v: Json[]) => v.every((x) => x === null || typeof x !== "object");

/**
 * Flattens a block body into leaf paths, in structural order (object keys sorted, list items by
 * index), so equal inputs give equal lists. Lists of scalars stay one leaf because a reviewer
 * reads `["a","b"] -> ["b"]` better than shifted indices; empty objects and lists are leaves so
 * that `{}` versus absent shows. Strings holding JSON are opened so a policy or config change
 * shows as the one field that changed instead of two walls of text.
 */
export function flatten(value: Json, prefix = "", out: Map<string, Json> = new Map()): Map<string, Json> {
  if (Array.isArray(value)) {
    if (value.length === 0 || isScalarList(value)) out.set(prefix, value);
    else value.forEach((item, i) => flatten(item, `${prefix}[${i}]`, out));
    return out;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) out.set(prefix, value);
    for (const k of keys) flatten(value[k] as Json, keyStep(prefix, k), out);
    return out;
  }
  if (typeof value === "string") {
    const inner = embeddedJson(value);
    if (inner !== undefined) return flatten(inner, `${prefix}${JSON_STEP}`, out);
  }
  out.set(prefix, value);
  return out;
}
