import * as fs from "node:fs";
import * as path from "node:path";
import { checkAcrossEvents } from "./cross-event-checks";
import { ConfigError, ConfigProblem } from "./errors";
import { EventCandidate, resolveEvent } from "./event-checks";
import { checkFoundation } from "./foundation-checks";
import { EventFileConfig, eventSchema, FoundationConfig, foundationSchema } from "./schema";
import { validateFile } from "./validate";
import { parseFile } from "./yaml-source";

/*
 * Loading the config folder: reads each file, parses it (yaml-source.ts), validates it against its
 * schema (validate.ts), then runs the checks the schema cannot make (foundation-checks.ts,
 * event-checks.ts, cross-event-checks.ts), collecting every problem before it throws.
 */

export const FOUNDATION_FILE = "foundation.yaml";

/** An event after validation: addresses resolved to full form, window as UTC instants. */
export interface EventSpec extends EventFileConfig {
  /** Config file it came from (relative path), for messages and outputs. */
  readonly file: string;
  /** Full lower-case recipient addresses on the mail domain. */
  readonly addresses: readonly string[];
  readonly windowUtc: { readonly start: Date; readonly end: Date };
}

export interface AppConfig {
  readonly foundation: FoundationConfig;
  readonly events: readonly EventSpec[];
  /** Soft problems: synth goes on, but a reviewer should read these. */
  readonly warnings: readonly string[];
}

export interface LoadOptions {
  /** The clock for "the window is over" warnings (tests pass a fixed one). @default the wall clock */
  readonly now?: () => Date;
}

/**
 * Reads and validates `foundation.yaml` and every other `*.yaml` in `dir` (one event each; names
 * starting with `_` or `.` are drafts and skipped). Throws ConfigError listing every problem found.
 */
export function loadConfig(dir: string, options: LoadOptions = {}): AppConfig {
  const now = (options.now ?? (() => new Date()))();
  const rel = (f: string) => path.relative(process.cwd(), path.join(dir, f)) || f;
  if (!fs.existsSync(dir)) {
    throw new ConfigError([{ file: rel(""), field: "", message: "config folder does not exist", fix: `create it with a ${FOUNDATION_FILE} (region, mailDomain)` }]);
  }
  const names = fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && !n.startsWith("_") && !n.startsWith("."))
    .sort();
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];

  if (!names.includes(FOUNDATION_FILE)) {
    problems.push({ file: rel(FOUNDATION_FILE), field: "", message: "missing: the foundation config is required (region, mailDomain, ...)", fix: `create ${FOUNDATION_FILE} with at least region: eu-west-1 and mailDomain: oncall.example.com` });
    throw new ConfigError(problems);
  }
  const foundationFile = parseFile(rel(FOUNDATION_FILE), fs.readFileSync(path.join(dir, FOUNDATION_FILE), "utf8"), problems);
  // A file with a schema error is still checked on everything that did validate: every problem
  // is reported in one run, not one layer per run.
  const foundation = foundationFile ? validateFile(foundationFile, foundationSchema, problems) : { fields: {} };
  if (foundationFile) checkFoundation(foundation.fields, foundationFile, problems, warnings);

  const events: EventSpec[] = [];
  const seen: EventCandidate[] = [];
  for (const name of names) {
    if (name === FOUNDATION_FILE) continue;
    if (name.endsWith(".yml")) {
      problems.push({
        file: rel(name),
        field: "",
        message: "use the .yaml extension (one spelling keeps `git ls-files events/*.yaml` complete)",
        fix: `rename it to ${name.replace(/\.yml$/, ".yaml")}`,
        line: 1,
        column: 1,
      });
      continue;
    }
    const parsed = parseFile(rel(name), fs.readFileSync(path.join(dir, name), "utf8"), problems);
    if (!parsed) continue;
    const before = problems.length;
    const event = validateFile(parsed, eventSchema, problems);
    const resolved = resolveEvent(event.fields, parsed, name.replace(/\.yaml$/, ""), foundation.fields.mailDomain, problems, warnings, now);
    seen.push(resolved.candidate);
    if (event.value && resolved.windowUtc && problems.length === before) {
      events.push({ ...event.value, file: parsed.file, addresses: resolved.candidate.addresses.map((a) => a.address), windowUtc: resolved.windowUtc });
    }
  }
  checkAcrossEvents(seen, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { foundation: foundation.value!, events, warnings };
}
