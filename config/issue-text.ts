import { z } from "zod";
import { fieldInfo } from "./schema-lookup";

/*
 * Schema problems in plain words. zod's default texts ("Invalid input: expected string, received
 * undefined") are replaced through the per-parse error map (public API; it is consulted only
 * where the schema gave no message of its own), using only public issue fields (code, input,
 * expected, minimum, maximum, origin, values, ...). Examples are derived from what the user wrote
 * when a small rewrite makes it valid (`CTO@Acme.example` -> `cto@acme.example`), checked by
 * validating the rewrite with the same schema.
 */

function describeValue(v: unknown): string {
  if (v === null) return "an empty value";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return v === "" ? "an empty text" : `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  return `${typeof v === "number" ? "the number" : typeof v === "boolean" ? "the value" : "the value"} ${String(v)}`;
}

const EXPECTED: Record<string, string> = {
  string: "a text value",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping of fields (key: value lines, indented below it)",
  array: "a list (one `- item` line each, or [a, b])",
  record: "a mapping of names to values",
};

const list = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(", ");

/** The zod error map for config files: plain words for every issue the schemas do not word themselves. */
export const plainWords: z.core.$ZodErrorMap = (iss) => {
  const input = iss.input;
  switch (iss.code) {
    case "invalid_type":
      if (input === undefined) return "is required but missing";
      return `must be ${EXPECTED[iss.expected] ?? iss.expected}, not ${describeValue(input)}`;
    case "too_small": {
      const min = Number(iss.minimum);
      if (iss.origin === "string") return min <= 1 ? "must not be empty" : `must be at least ${min} characters long`;
      if (iss.origin === "array" || iss.origin === "set") return `needs at least ${min} entr${min === 1 ? "y" : "ies"}`;
      return iss.inclusive === false ? `must be more than ${min}` : `must be at least ${min}${typeof input === "number" ? `, not ${input}` : ""}`;
    }
    case "too_big": {
      const max = Number(iss.maximum);
      if (iss.origin === "string") return `must be at most ${max} characters long${typeof input === "string" ? ` (it has ${input.length})` : ""}`;
      if (iss.origin === "array" || iss.origin === "set") return `can have at most ${max} entries${Array.isArray(input) ? ` (it has ${input.length})` : ""}`;
      return iss.inclusive === false ? `must be less than ${max}` : `must be at most ${max}${typeof input === "number" ? `, not ${input}` : ""}`;
    }
    case "invalid_value":
      return `must be one of ${list(iss.values)}, not ${describeValue(input)}`;
    case "invalid_union": {
      // A discriminated union names its options (the backend `type`).
      const options = "options" in iss && Array.isArray(iss.options) ? iss.options : [];
      if (options.length > 0) {
        // The issue's input is the whole mapping; the wrong value is its discriminator field.
        const value = iss.discriminator && input !== null && typeof input === "object" ? (input as Record<string, unknown>)[iss.discriminator] : input;
        return `must be one of ${list(options)}, not ${describeValue(value)}`;
      }
      // A union of constants (e.g. the retention days CloudWatch offers) reads as one list.
      const values = iss.errors.flat().flatMap((e) => (e.code === "invalid_value" ? e.values : []));
      if (values.length > 0 && iss.errors.every((b) => b.length > 0 && b.every((e) => e.code === "invalid_value"))) return `must be one of ${list(values)}, not ${describeValue(input)}`;
      return "does not match any of the allowed forms";
    }
    case "invalid_format":
      return `is not in the expected form${"pattern" in iss && iss.pattern ? ` (${String(iss.pattern)})` : ` (${iss.format})`}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(iss.divisor)}`;
    case "invalid_key":
      return "has a key that is not allowed here";
    case "invalid_element":
      return "has an entry that is not allowed here";
    default:
      return "is not valid here";
  }
};

/** A problem of one schema issue: the words, and an example value (YAML) when one fits. */
export interface IssueText {
  readonly message: string;
  readonly example?: unknown;
}

function getIn(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const seg of path) cur = cur !== null && typeof cur === "object" ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
  return cur;
}

function withValue(data: unknown, path: readonly PropertyKey[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    const copy: unknown[] = [...data];
    copy[Number(head)] = withValue(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: Record<PropertyKey, unknown> = { ...(data as Record<PropertyKey, unknown>) };
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

/** Small rewrites of a wrong value that people often need; each is tried against the schema. */
function candidates(v: unknown, values?: readonly unknown[], example?: unknown): unknown[] {
  if (typeof v === "number" && values?.every((x) => typeof x === "number")) {
    // The nearest allowed number (e.g. a log retention CloudWatch offers).
    return [...(values as number[])].sort((a, b) => Math.abs(a - v) - Math.abs(b - v) || a - b).slice(0, 1);
  }
  if (typeof v !== "string") return [];
  const t = v.trim();
  const out = [t, t.toLowerCase()];
  if (values) out.push(...values.filter((x): x is string => typeof x === "string" && x.toLowerCase() === t.toLowerCase()));
  // A domain written as a URL or with a trailing dot.
  out.push(t.toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/[/?#].*$/, "").replace(/\.$/, ""));
  // A local date-time written with a space, seconds or an offset.
  const dt = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (dt) out.push(`${dt[1]}T${dt[2].padStart(2, "0")}:${dt[3]}`);
  // A time of day without its leading zero.
  if (/^\d:\d{2}$/.test(t)) out.push(`0${t}`);
  // A slug with capitals, spaces or underscores (only where the field's example is a slug: for a
  // username, "bob smith" -> "bob-smith" would be a guess at someone's login).
  if (typeof example === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(example)) {
    out.push(t.toLowerCase().replace(/[\s_]+/g, "-").replace(/[^a-z0-9-]/g, "").replace(/-+/g, "-").replace(/^-|-$/g, ""));
  }
  return [...new Set(out)].filter((c) => c !== v && c !== "");
}

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * The first rewrite of the value at `path` that the schema accepts there (no issue left at that
 * path when the whole file is validated again with it), or undefined.
 */
export function derivedExample(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): unknown {
  const current = getIn(data, path);
  const info = fieldInfo(schema, path);
  for (const c of candidates(current, info?.values, info?.examples[0])) {
    const r = schema.safeParse(withValue(data, path, c));
    if (r.success || !r.error.issues.some((i) => samePath(i.path, path))) return c;
  }
  return undefined;
}

/** An example of a whole mapping from its fields' own examples (e.g. a missing `window`). */
function exampleMapping(schema: z.ZodType, path: readonly PropertyKey[], keys: readonly string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const ex = fieldInfo(schema, [...path, k])?.examples[0];
    if (ex !== undefined) out[k] = ex;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The words and example of one issue, for a field that exists or (`missing`) does not. */
export function issueText(schema: z.ZodType, data: unknown, issue: z.core.$ZodIssue, missing: boolean): IssueText {
  const info = fieldInfo(schema, issue.path);
  if (missing) {
    const what = info?.description ? ` - ${info.description}` : "";
    const parent = issue.path.length > 1 ? ` under ${String(issue.path[issue.path.length - 2])}` : "";
    return { message: `is required but missing; add it${parent}${what}`, example: info?.examples[0] ?? exampleMapping(schema, issue.path, info?.keys ?? []) };
  }
  // A check that can derive the right value passes it as `params.example` (a public zod field);
  // null means "no example fits", so the generic one from the schema is not shown either.
  const fromCheck = issue.code === "custom" ? (issue.params as { example?: unknown } | undefined)?.example : undefined;
  if (fromCheck !== undefined) return { message: issue.message, example: fromCheck ?? undefined };
  const derived = derivedExample(schema, data, issue.path);
  if (derived !== undefined) return { message: `${issue.message}; did you mean ${JSON.stringify(derived)}?`, example: derived };
  // A discriminated union: its first option.
  const option = issue.code === "invalid_union" && "options" in issue ? issue.options?.[0] : undefined;
  return { message: issue.message, example: info?.examples[0] ?? option };
}

/** Edit distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** The words for an unknown key, with the known key it is most likely a typo of. */
export function unknownKeyText(schema: z.ZodType, parentPath: readonly PropertyKey[], key: string): { message: string; suggestion?: string } {
  const known = fieldInfo(schema, parentPath)?.keys ?? [];
  const best = [...known].sort((a, b) => distance(key.toLowerCase(), a.toLowerCase()) - distance(key.toLowerCase(), b.toLowerCase()))[0];
  const close = best !== undefined && distance(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 4));
  const near = known.length ? ` Known fields here: ${known.join(", ")}.` : "";
  return { message: `unknown field${close ? `; did you mean ${best}?` : " (typo?)."}${near}`, suggestion: close ? best : undefined };
}
