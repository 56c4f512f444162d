/**
 * The one argument parser of the tools in tools/ (preview, local, review, replay): node's
 * util.parseArgs (strict) plus what every command needs the same way: `--help`/`-h` printing the
 * usage on stdout with exit 0; environment variables as fallbacks for flags; old spellings that
 * still work with a deprecation warning; usage errors (exit 2) worded alike.
 */
import { parseArgs } from "node:util";
import { CONFIG_DIR_ENV, CONFIG_DIR_FLAG, DEFAULT_CONFIG_DIR } from "../../config/dir";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** Name of the value in the usage text, e.g. `<dir>`. */
  readonly value?: string;
  readonly description: string;
  readonly default?: string;
  /** Environment variable used when the flag is absent. */
  readonly env?: string;
  /** Old spellings, still accepted with a warning. */
  readonly deprecated?: { readonly flags?: readonly string[]; readonly env?: readonly string[] };
}

export interface CommandSpec {
  /** How the user runs it, e.g. `npm run preview --`. */
  readonly command: string;
  readonly summary: string;
  /** Positional arguments in the usage line, e.g. `<mail.eml>`; none accepted when absent. */
  readonly positionals?: { readonly usage: string; readonly min: number; readonly max: number };
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly notes?: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

export type Values<O extends CommandSpec["options"]> = {
  readonly [K in keyof O]: O[K]["type"] extends "boolean" ? boolean : O[K]["default"] extends string ? string : string | undefined;
};

export type Parsed<S extends CommandSpec> =
  | { readonly help: true }
  | { readonly help: false; readonly values: Values<S["options"]>; readonly positionals: readonly string[]; readonly warnings: readonly string[] };

/** A mistake in the command line: the caller prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** The option every tool takes to find the config folder (same flag, variable and default as synth). */
export const CONFIG_DIR_OPTION = {
  type: "string",
  value: "<dir>",
  description: `config folder: foundation.yaml and one <slug>.yaml per event (env ${CONFIG_DIR_ENV})`,
  default: DEFAULT_CONFIG_DIR,
  env: CONFIG_DIR_ENV,
  deprecated: { flags: ["config", "events-dir"], env: ["EVENTS_DIR"] },
} as const satisfies OptionSpec;

export { CONFIG_DIR_FLAG };

export function usage(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, o]) => {
    const left = `  --${name}${o.type === "string" ? ` ${o.value ?? "<value>"}` : ""}`;
    const extra = [o.default !== undefined ? `default ${o.default}` : "", o.env && !o.description.includes(o.env) ? `env ${o.env}` : ""].filter(Boolean).join("; ");
    return `${left.padEnd(30)} ${o.description}${extra ? ` (${extra})` : ""}`;
  });
  return [
    `usage: ${spec.command}${spec.positionals ? ` ${spec.positionals.usage}` : ""} [options]`,
    "",
    spec.summary,
    "",
    "options:",
    ...flags,
    `  ${"--help, -h".padEnd(28)} this text`,
    ...(spec.notes?.length ? ["", ...spec.notes] : []),
    "",
  ].join("\n");
}

function wordError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const flag = /'(--?[^' ]+)/.exec(err.message ?? "")?.[1];
  switch (err.code) {
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /does not take an argument/.test(err.message ?? "") ? `${flag} takes no value` : `${flag} needs a value`;
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown argument ${flag}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${/'([^']*)'/.exec(err.message ?? "")?.[1]}`;
    default:
      return err.message ?? String(e);
  }
}

/**
 * Parses `argv` for `spec`. Precedence per option: the flag, a deprecated flag, the environment
 * variable, a deprecated variable, the default. Throws UsageError (message without usage).
 */
export function parseCommand<S extends CommandSpec>(spec: S, argv: readonly string[], env: Env = {}): Parsed<S> {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = { help: { type: "boolean", short: "h" } };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type };
    for (const old of o.deprecated?.flags ?? []) options[old] = { type: o.type };
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: spec.positionals !== undefined, strict: true }) as typeof parsed;
  } catch (e) {
    throw new UsageError(wordError(e));
  }
  if (parsed.values.help) return { help: true };
  const warnings: string[] = [];
  const values: Record<string, string | boolean | undefined> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    let v = parsed.values[name];
    for (const old of o.deprecated?.flags ?? []) {
      if (parsed.values[old] === undefined) continue;
      warnings.push(`--${old} is deprecated; use --${name}`);
      v ??= parsed.values[old];
    }
    if (v === undefined && o.env && env[o.env]) v = o.type === "boolean" ? env[o.env] !== "0" : env[o.env];
    for (const old of o.deprecated?.env ?? []) {
      if (v !== undefined || !env[old]) continue;
      warnings.push(`${old} is deprecated; use ${o.env ?? `--${name}`}`);
      v = env[old];
    }
    values[name] = v ?? (o.type === "boolean" ? false : o.default);
  }
  const n = parsed.positionals.length;
  if (spec.positionals && (n < spec.positionals.min || n > spec.positionals.max)) {
    throw new UsageError(n < spec.positionals.min ? `missing ${spec.positionals.usage}` : `too many arguments: ${parsed.positionals.join(" ")}`);
  }
  return { help: false, values: values as Values<S["options"]>, positionals: parsed.positionals, warnings };
}

export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly env?: Env;
}

/**
 * Runs a command the same way for every tool: `--help` prints the usage and returns 0; a usage
 * error prints the message and the usage on stderr and returns 2; warnings go to stderr; else
 * the command's own exit code.
 */
export async function runCommand<S extends CommandSpec>(
  spec: S,
  argv: readonly string[],
  io: CliIo,
  main: (args: Extract<Parsed<S>, { help: false }>) => number | Promise<number>,
): Promise<number> {
  let parsed: Parsed<S>;
  try {
    parsed = parseCommand(spec, argv, io.env ?? {});
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.message}\n\n${usage(spec)}`);
    return 2;
  }
  if (parsed.help) {
    io.out(usage(spec));
    return 0;
  }
  for (const w of parsed.warnings) io.err(`warning: ${w}\n`);
  try {
    return await main(parsed as Extract<Parsed<S>, { help: false }>);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.message}\n\n${usage(spec)}`);
    return 2;
  }
}

/** The real process: stdout, stderr and the environment. */
export function processIo(): CliIo {
  return { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s), env: process.env };
}

/** Sets the exit code of a tool's entry file from its run; an unexpected error prints `<name> failed: …`. */
export function exitWith(name: string, run: Promise<number>): void {
  run.then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`${name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
