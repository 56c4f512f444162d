import { Token } from "cdktf";

/**
 * Prop checks that skip Terraform tokens: a value known only at apply time (a variable, another
 * resource's attribute) cannot be checked at synth and must not fail it (`Token.isUnresolved`; a
 * number token looks like -1.8e+298). Each error names the construct and the prop.
 */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Throws when a known number is not an integer within [min, max]. */
export function checkIntegerRange(construct: string, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${construct}: ${prop} must be an integer from ${min} to ${max}, got ${value}`);
}

/** Throws when a known number is not one of `allowed`. */
export function checkOneOf(construct: string, prop: string, value: number | string | undefined, allowed: readonly (number | string)[]): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!allowed.includes(value)) throw new Error(`${construct}: ${prop} must be one of ${allowed.join(", ")}, got ${value}`);
}

/** Throws when a known string does not match. */
export function checkPattern(construct: string, prop: string, value: string | undefined, pattern: RegExp, what: string): void {
  if (value === undefined || isUnresolved(value)) return;
  if (!pattern.test(value)) throw new Error(`${construct}: ${prop} must be ${what}, got "${value}"`);
}

/** Throws when a known list's length is outside [min, max] (a token list is skipped). */
export function checkLength(construct: string, prop: string, value: readonly unknown[] | undefined, min: number, max: number, why = ""): void {
  if (value === undefined || isUnresolved(value)) return;
  if (value.length < min || value.length > max) throw new Error(`${construct}: ${prop} must hold ${min} to ${max} entries${why ? ` (${why})` : ""}, got ${value.length}`);
}
