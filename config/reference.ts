import { z } from "zod";
import { customerSchema } from "./customer-schema";
import { eventSchema, foundationSchema } from "./schema";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  examples?: unknown[];
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  title?: string;
};

/** JSON Schemas (draft 2020-12) of the config files, for editors (`# yaml-language-server: $schema=...`). */
export function jsonSchemas(): Record<"foundation" | "event" | "customer", object> {
  return {
    foundation: z.toJSONSchema(foundationSchema, { io: "input", unrepresentable: "any" }),
    event: z.toJSONSchema(eventSchema, { io: "input", unrepresentable: "any" }),
    customer: z.toJSONSchema(customerSchema, { io: "input", unrepresentable: "any" }),
  };
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const consts = variants.filter((v) => v.const !== undefined).map((v) => JSON.stringify(v.const));
    if (consts.length === variants.length) return `one of ${consts.join(", ")}`;
    return variants.map(typeOf).join(" \\| ");
  }
  if (s.type === "array") return `list of ${s.items ? typeOf(s.items) : "any"}`;
  if (s.type === "integer") return `integer${s.minimum !== undefined && s.maximum !== undefined && s.maximum < 1e9 ? ` ${s.minimum}..${s.maximum}` : ""}`;
  if (s.type === "object" && !s.properties) return "map";
  return String(s.type ?? "any");
}

function rows(s: JsonSchema, prefix: string, required: boolean, out: string[]): void {
  const cell = (v: string) => v.replace(/\|/g, "\\|").replace(/\n/g, " ");
  if (prefix) {
    const def = s.default !== undefined && !(typeof s.default === "object" && s.default !== null) ? `\`${JSON.stringify(s.default)}\`` : "";
    const ex = s.examples?.length ? `\`${JSON.stringify(s.examples[0])}\`` : "";
    out.push(`| \`${prefix}\` | ${typeOf(s)} | ${required ? "yes" : "no"} | ${def} | ${cell(s.description ?? "")} ${ex ? `Example: ${ex}` : ""} |`);
  }
  if (s.properties) {
    for (const [k, v] of Object.entries(s.properties)) rows(v, prefix ? `${prefix}.${k}` : k, (s.required ?? []).includes(k), out);
  }
  for (const variant of s.anyOf ?? s.oneOf ?? []) {
    if (variant.properties) {
      const tag = Object.entries(variant.properties).find(([, v]) => v.const !== undefined);
      for (const [k, v] of Object.entries(variant.properties)) {
        if (tag && k === tag[0]) continue;
        rows(v, `${prefix}.${k}`, (variant.required ?? []).includes(k), out);
        if (tag) out[out.length - 1] = out[out.length - 1].replace(/ \| (yes|no) \| /, ` | $1 (${tag[0]} ${JSON.stringify(tag[1].const)}) | `);
      }
    }
  }
  if (s.type === "array" && s.items?.properties) rows(s.items, `${prefix}[]`, true, out);
}

/** Markdown reference of every config field, generated from the same zod schemas that validate. */
export function configReferenceMarkdown(): string {
  const schemas = jsonSchemas() as Record<string, JsonSchema>;
  const table = (s: JsonSchema) => {
    const out = ["| field | type | required | default | description |", "|---|---|---|---|---|"];
    rows(s, "", true, out);
    return out.join("\n");
  };
  return [
    "#### `events/foundation.yaml`",
    "",
    table(schemas.foundation),
    "",
    "#### `events/<slug>.yaml`",
    "",
    table(schemas.event),
    "",
    "#### `customers/<slug>.yaml`",
    "",
    table(schemas.customer),
    "",
  ].join("\n");
}
