import * as fs from "node:fs";
import * as path from "node:path";
import { checkAcrossEvents } from "./cross-event-checks";
import { ConfigError, ConfigProblem } from "./errors";
import { EventCandidate, resolveEvent } from "./event-checks";
import { checkFoundation } from "./foundation-checks";
import { EventFileConfig, eventSchema, FoundationConfig, foundationSchema } from "./schema";
import { validateFile } from "./validate";
import { checkCustomerOverlaps, checkCustomerRouting, checkRelaysAcrossCustomers, CustomerEntry, CUSTOMERS_DIR_ENV, CustomerSpec, defaultCustomersDir, loadCustomers, resolveEventCustomers, whereIn } from "./customers";
import { customerLabel } from "../lib/aws/runtime-config";
import { located } from "./yaml-source";
import { parseFile } from "./yaml-source";

/*
 * Loading the config folder: reads each file, parses it (yaml-source.ts), validates it against its
 * schema (validate.ts), then runs the checks the schema cannot make (foundation-checks.ts,
 * event-checks.ts, cross-event-checks.ts), collecting every problem before it throws.
 */

export const FOUNDATION_FILE = "foundation.yaml";
/** SES: recipients per receipt rule. */
const MAX_RULE_RECIPIENTS = 500;

/** An event after validation: addresses resolved to full form, window as UTC instants, customers from the registry. */
export interface EventSpec extends EventFileConfig {
  /** Who writes in, as alerts of the event's own senders say: the file's `customer`, else the customers' names (customerLabel). */
  readonly label: string;
  /** The registry's customers this event serves, in the order listed (`all`: by file name). */
  readonly customerSpecs: readonly CustomerSpec[];
  /** Config file it came from (relative path), for messages and outputs. */
  readonly file: string;
  /** Full lower-case recipient addresses on the mail domain. */
  readonly addresses: readonly string[];
  readonly windowUtc: { readonly start: Date; readonly end: Date };
}

export interface AppConfig {
  readonly foundation: FoundationConfig;
  readonly events: readonly EventSpec[];
  /** Every customer of the registry (customers/*.yaml), by file name. */
  readonly customers: readonly CustomerSpec[];
  /** Soft problems: synth goes on, but a reviewer should read these. */
  readonly warnings: readonly string[];
}

export interface LoadOptions {
  /** The clock for "the window is over" warnings (tests pass a fixed one). @default the wall clock */
  readonly now?: () => Date;
  /** The customer registry. @default env EMAIL_TO_ONCALL_CUSTOMERS_DIR, else `customers` beside `events` (defaultCustomersDir) */
  readonly customersDir?: string;
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

  const customersDir = options.customersDir ?? (process.env[CUSTOMERS_DIR_ENV] || defaultCustomersDir(dir));
  const registry = loadCustomers(customersDir, foundation.fields.mailDomain, problems);
  const overlapsReported = new Set<string>();
  const served: { event: string; file: string; customers: readonly CustomerEntry[] }[] = [];

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
    const fileSlug = name.replace(/\.yaml$/, "");
    const customers = resolveEventCustomers(event.fields.customers, parsed, registry, problems);
    const specs = customers.flatMap((c) => (c.spec ? [c.spec] : []));
    checkCustomerOverlaps(parsed, event.fields.slug ?? fileSlug, customers, overlapsReported, problems);
    checkCustomerRouting(event.fields.oncall, customers, parsed, problems);
    checkRelaysAcrossCustomers({ parsed, trustedSenders: event.fields.trustedSenders }, customers, foundation.fields.mailDomain, problems);
    served.push({ event: event.fields.slug ?? fileSlug, file: parsed.file, customers });
    const label = customers.length ? customerLabel(customers.map((c) => ({ name: c.spec?.name ?? c.slug }))) : undefined;
    const resolved = resolveEvent(event.fields, parsed, fileSlug, foundation.fields.mailDomain, problems, warnings, now);
    const aliasCount = specs.reduce((n, c) => n + c.aliasAddresses.length, 0);
    if (aliasCount && resolved.candidate.addresses.length + aliasCount > MAX_RULE_RECIPIENTS) {
      problems.push({
        ...located(parsed, ["customers"], `its recipients and its customers' aliases are ${resolved.candidate.addresses.length + aliasCount} addresses; an SES receipt rule takes at most ${MAX_RULE_RECIPIENTS}`),
        fix: "serve fewer customers with aliases from this event, or drop aliases (mail to the event's address names the customer by its sender)",
      });
    }
    seen.push(resolved.candidate);
    if (event.value && resolved.windowUtc && problems.length === before) {
      events.push({ ...event.value, label: event.value.customer ?? label!, customerSpecs: specs, file: parsed.file, addresses: resolved.candidate.addresses.map((a) => a.address), windowUtc: resolved.windowUtc });
    }
  }
  checkAcrossEvents(seen, problems);
  checkAliases(served, seen, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const customers = [...registry.values()].flatMap((c) => (c.spec ? [c.spec] : []));
  return { foundation: foundation.value!, events, customers, warnings };
}

/**
 * A customer's alias is an address of the mail domain: it reaches one receipt rule, so one event
 * only may serve a customer with aliases, and no event may already use it as a recipient.
 */
function checkAliases(served: readonly { event: string; file: string; customers: readonly CustomerEntry[] }[], events: readonly EventCandidate[], problems: ConfigProblem[]): void {
  const servedBy = new Map<CustomerEntry, { event: string; file: string }[]>();
  for (const s of served) for (const c of s.customers) if (c.spec?.aliasAddresses.length) servedBy.set(c, [...(servedBy.get(c) ?? []), s]);
  const recipients = new Map<string, EventCandidate>();
  for (const e of events) for (const a of e.addresses) if (!recipients.has(a.address)) recipients.set(a.address, e);
  for (const [c, list] of servedBy) {
    if (list.length > 1) {
      problems.push({
        ...located(c.parsed, ["aliases", 0], `the customer has aliases and is served by ${list.length} events (${list.map((s) => `${s.event}, ${s.file}`).join("; ")}); an alias reaches one receipt rule, so every event's function would page`),
        fix: "serve this customer from one event at a time, or remove its aliases",
      });
    }
    c.spec!.aliasAddresses.forEach((a, i) => {
      const owner = recipients.get(a);
      if (owner) problems.push({ ...located(c.parsed, ["aliases", i], `${a} is already a recipient of event ${owner.slug} (${whereIn(owner.parsed, ["recipients", owner.addresses.find((x) => x.address === a)!.index])})`), fix: "pick another alias, or remove the recipient" });
    });
  }
}
