import { z } from "zod";
import { ConfigProblem } from "./errors";
import { issueText, plainWords, unknownKeyText } from "./issue-text";
import { dataOf, hasField, located, ParsedFile } from "./yaml-source";

/** A value written as the field at `at` would be in YAML: `key: value`, or `- value` in a list. */
export function yamlExample(at: readonly PropertyKey[], example: unknown): string {
  const value = JSON.stringify(example);
  const last = at[at.length - 1];
  if (typeof last === "number") return `- ${value}`; // a list item is written as one in YAML
  return last === undefined ? value : `${String(last)}: ${value}`;
}

/**
 * Validates a parsed file against its schema, turning every issue into a located problem in plain
 * words. Returns the value when the whole file is valid, and in any case the top-level fields that
 * are valid on their own, so the checks across fields can still run on them in the same pass.
 */
export function validateFile<S extends z.ZodObject>(parsed: ParsedFile, schema: S, problems: ConfigProblem[]): { value?: z.output<S>; fields: Partial<z.output<S>> } {
  const data = dataOf(parsed, problems);
  if (data === undefined) return { fields: {} };
  const result = schema.safeParse(data, { error: plainWords });
  if (result.success) return { value: result.data, fields: result.data };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const at = [...issue.path, key];
        const { message, suggestion } = unknownKeyText(schema, issue.path, key);
        const value = (parsed.doc.getIn(at as (string | number)[]) ?? null) as unknown;
        const example = suggestion === undefined ? undefined : value === null || typeof value === "object" ? `${suggestion}:` : `${suggestion}: ${JSON.stringify(value)}`;
        problems.push(located(parsed, at, message, example, true));
      }
      continue;
    }
    // A field that is not in the file at all is located at its parent mapping (where to add it).
    const missing = !hasField(parsed, issue.path as (string | number)[]);
    const { message, example } = issueText(schema, data, issue, missing);
    problems.push(located(parsed, issue.path, message, example === undefined ? undefined : yamlExample(issue.path, example)));
  }
  const fields: Record<string, unknown> = {};
  const input = data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const r = field.safeParse(input[key]);
    if (r.success) fields[key] = r.data;
  }
  return { fields: fields as Partial<z.output<S>> };
}
