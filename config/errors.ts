/** One thing wrong with the configuration, located precisely enough to fix without guessing. */
export interface ConfigProblem {
  /** Path of the config file, relative to the working directory. */
  readonly file: string;
  /** Field path, e.g. `window.end` or `recipients[1]`; empty for the whole file. */
  readonly field: string;
  readonly message: string;
  /** A right value for the field, shown as YAML. */
  readonly example?: string;
  /** What to do, in words, when no YAML value shows it (a syntax error, a file to rename). */
  readonly fix?: string;
  readonly line?: number;
  readonly column?: number;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  // A problem of the whole file has no field: `file: message`.
  const field = p.field ? ` ${p.field}:` : ":";
  const example = p.example ? `\n    example: ${p.example}` : "";
  const fix = p.fix ? `\n    fix: ${p.fix}` : "";
  return `${where}${field} ${p.message}${example}${fix}`;
}

/** Thrown when config is invalid; synth prints it and exits non-zero before writing any stack. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was synthesized.\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}
