import { z } from "zod";

/*
 * What the schema says about one field (description, examples, allowed values, known keys), read
 * from the schema's JSON Schema export (`z.toJSONSchema`, public zod API) rather than from zod's
 * internal definitions, so messages survive zod upgrades. The export is the one editors get
 * (schemas/*.schema.json), so a message and an editor tooltip say the same.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  examples?: unknown[];
}

export interface FieldInfo {
  readonly description?: string;
  readonly examples: readonly unknown[];
  /** Fields a mapping accepts (every variant of a union). */
  readonly keys: readonly string[];
  /** Allowed values, when the field is an enum or a union of constants. */
  readonly values?: readonly unknown[];
}

const exported = new WeakMap<z.ZodType, JsonSchema>();
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let s = exported.get(schema);
  if (!s) {
    s = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    exported.set(schema, s);
  }
  return s;
}

const variants = (s: JsonSchema): JsonSchema[] => [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])];

function step(s: JsonSchema, seg: string | number): JsonSchema | undefined {
  for (const v of variants(s)) {
    if (typeof seg === "number" && v.items) return v.items;
    if (typeof seg === "string" && v.properties?.[seg]) return v.properties[seg];
  }
  for (const v of variants(s)) if (typeof seg === "string" && typeof v.additionalProperties === "object") return v.additionalProperties;
  return undefined;
}

/** What the schema says about the field at `path`; undefined when the path is not in the schema. */
export function fieldInfo(schema: z.ZodType, path: readonly PropertyKey[]): FieldInfo | undefined {
  let s: JsonSchema | undefined = jsonSchemaOf(schema);
  for (const seg of path) {
    if (!s) return undefined;
    s = step(s, typeof seg === "number" ? seg : String(seg));
  }
  if (!s) return undefined;
  const all = variants(s);
  const consts = all.filter((v) => v.const !== undefined).map((v) => v.const);
  const values = s.enum ?? (consts.length > 0 && consts.length === all.length - 1 ? consts : undefined);
  return {
    description: all.map((v) => v.description).find((d) => d !== undefined),
    examples: all.flatMap((v) => v.examples ?? []),
    keys: [...new Set(all.flatMap((v) => Object.keys(v.properties ?? {})))],
    values,
  };
}
