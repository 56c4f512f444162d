import * as fs from "node:fs";
import * as path from "node:path";
import { findOverlaps, TrustedEntry } from "../lib/aws/customer-overlaps";
import { CustomerFileConfig, customerSchema } from "./customer-schema";
import { ConfigProblem, fieldPath } from "./errors";
import type { EventFileConfig } from "./schema";
import { pushDuplicates } from "./event-checks";
import { relayProblems } from "./trust-checks";
import { validateFile } from "./validate";
import { located, ParsedFile, parseFile, positionOf } from "./yaml-source";

/*
 * The customer registry (issue 13): customers/<slug>.yaml, one file per customer, read and
 * checked once; events then pick customers from it by slug (or `all`). Every problem is located at
 * file:line:col with the field and a fix, like the event files'.
 */

/** The registry folder beside the config folder: `customers/` next to `events/`. */
export const CUSTOMERS_DIR_ENV = "EMAIL_TO_ONCALL_CUSTOMERS_DIR";

/**
 * Where the registry is: `customers` beside a config folder named `events` (the project layout),
 * else a `customers` folder inside the config folder (a test's or tool's scratch folder, whose
 * parent is shared with others).
 */
export function defaultCustomersDir(configDir: string): string {
  return path.basename(path.resolve(configDir)) === "events" ? path.join(configDir, "..", "customers") : path.join(configDir, "customers");
}

/** A customer after validation, with its aliases as full addresses. */
export interface CustomerSpec extends CustomerFileConfig {
  readonly file: string;
  /** Full lower-case alias addresses on the mail domain. */
  readonly aliasAddresses: readonly string[];
}

/** A registry file as the event checks see it, also when part of it did not validate. */
export interface CustomerEntry {
  readonly parsed: ParsedFile;
  readonly slug: string;
  /** Present when the whole file validated. */
  readonly spec?: CustomerSpec;
}

const bare = (v: string) => v.toLowerCase().replace(/\.+$/, "");
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$/;
const RESERVED_LOCAL_PARTS = ["postmaster", "abuse", "mailer-daemon", "noreply", "no-reply"];

/** Reads and checks every customers/*.yaml (none when the folder does not exist). */
export function loadCustomers(dir: string, mailDomain: string | undefined, problems: ConfigProblem[]): Map<string, CustomerEntry> {
  const registry = new Map<string, CustomerEntry>();
  if (!fs.existsSync(dir)) return registry;
  const rel = (f: string) => path.relative(process.cwd(), path.join(dir, f)) || f;
  const names = fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && !n.startsWith("_") && !n.startsWith("."))
    .sort();
  for (const name of names) {
    if (name.endsWith(".yml")) {
      problems.push({ file: rel(name), field: "", message: "use the .yaml extension", fix: `rename it to ${name.replace(/\.yml$/, ".yaml")}`, line: 1, column: 1 });
      continue;
    }
    const parsed = parseFile(rel(name), fs.readFileSync(path.join(dir, name), "utf8"), problems);
    if (!parsed) continue;
    const fileSlug = name.replace(/\.yaml$/, "");
    const before = problems.length;
    const { value, fields } = validateFile(parsed, customerSchema, problems);
    if (fields.slug !== undefined && fields.slug !== fileSlug) {
      problems.push(located(parsed, ["slug"], `must equal the file name (${fileSlug}); rename the file or the slug`, `slug: "${fileSlug}"`));
    }
    const aliasAddresses = checkCustomerFields(fields, parsed, mailDomain, problems);
    const slug = fields.slug ?? fileSlug;
    registry.set(fileSlug, { parsed, slug, spec: value && problems.length === before ? { ...value, file: parsed.file, aliasAddresses } : undefined });
  }
  return registry;
}

/** Checks across the fields of one customer file (on the fields that validated); returns its alias addresses. */
function checkCustomerFields(c: Partial<CustomerFileConfig>, parsed: ParsedFile, mailDomain: string | undefined, problems: ConfigProblem[]): string[] {
  const t = c.trustedSenders;
  if (t) {
    if (t.addresses.length + t.domains.length === 0) {
      problems.push(located(parsed, ["trustedSenders"], "nobody could page for this customer: list at least one trusted address or domain", 'addresses: ["cto@acme-shop.example"]'));
    }
    for (const p of relayProblems({ trustedSenders: t }, mailDomain)) problems.push(located(parsed, p.path, p.message, p.example));
    pushDuplicates(parsed, ["trustedSenders", "addresses"], t.addresses, problems);
    pushDuplicates(parsed, ["trustedSenders", "domains"], t.domains, problems);
    // Two entries of the same customer that overlap are harmless but one of them is dead weight.
    const own = entriesOf(t, 0);
    for (const o of findOverlapsWithin(own)) {
      problems.push({ ...located(parsed, ["trustedSenders", o.entry.kind, o.entry.index], `is already covered by trustedSenders.${o.other.kind}[${o.other.index}] (${o.other.value})`), fix: "delete this entry" });
    }
    if (mailDomain) {
      t.domains.forEach((d, i) => {
        const b = bare(d).replace(/^\*\./, "");
        if (b === mailDomain || b.endsWith(`.${mailDomain}`)) problems.push(located(parsed, ["trustedSenders", "domains", i], `must not be the mail domain ${mailDomain}: the pipeline would page itself in a loop`, '- "acme-shop.example"'));
      });
      t.addresses.forEach((a, i) => {
        if (bare(a).endsWith(`@${mailDomain}`)) problems.push({ ...located(parsed, ["trustedSenders", "addresses", i], `must not be on the mail domain ${mailDomain} (mail loops)`), fix: "list the customer's own address instead" });
      });
    }
  }
  if (c.contacts) pushDuplicates(parsed, ["contacts"], c.contacts, problems);
  const aliases: string[] = [];
  const example = `- "${c.slug ?? "acme-shop"}"`;
  (c.aliases ?? []).forEach((a, i) => {
    const local = a.includes("@") ? a.slice(0, a.lastIndexOf("@")) : a;
    const domain = a.includes("@") ? a.slice(a.lastIndexOf("@") + 1) : mailDomain;
    if (a !== a.toLowerCase()) problems.push(located(parsed, ["aliases", i], "must be lower case (SES matches recipients case-insensitively; one spelling avoids duplicates)", `- "${a.toLowerCase()}"`));
    else if (mailDomain && domain !== mailDomain) problems.push(located(parsed, ["aliases", i], `must be on the mail domain ${mailDomain}; other domains do not reach this SES`, `- "${local}"`));
    else if (!LOCAL_PART.test(local) || local.includes("..")) problems.push(located(parsed, ["aliases", i], "local part must be 1-64 of a-z 0-9 . _ + - and start and end with a letter or digit", example));
    else if (RESERVED_LOCAL_PARTS.includes(local)) problems.push(located(parsed, ["aliases", i], `"${local}" is reserved for mail infrastructure; pick the customer's own name`, example));
    else if (aliases.includes(`${local}@${domain}`)) problems.push({ ...located(parsed, ["aliases", i], `duplicate alias ${a}`), fix: "delete this entry" });
    else if (domain) aliases.push(`${local}@${domain}`);
  });
  return aliases;
}

/** A customer's trusted addresses and domains as overlap entries of `owner`. */
export function entriesOf(t: CustomerFileConfig["trustedSenders"], owner: number): TrustedEntry[] {
  return [
    ...t.addresses.map((a, index) => ({ owner, kind: "addresses" as const, index, value: bare(a) })),
    ...t.domains.map((d, index) => ({ owner, kind: "domains" as const, index, value: bare(d) })),
  ];
}

/** Overlaps inside one customer: the same list compared with itself as if each entry were its own owner. */
function findOverlapsWithin(entries: readonly TrustedEntry[]) {
  const distinct = entries.map((e, i) => ({ ...e, owner: i }));
  // Exact duplicates are reported by pushDuplicates already.
  return findOverlaps(distinct)
    .filter((o) => o.entry.value !== o.other.value)
    .map((o) => ({ entry: entries[o.entry.owner]!, other: entries[o.other.owner]! }));
}

/** The event's `customers` resolved against the registry, with every problem located in the event file. */
export function resolveEventCustomers(
  list: readonly string[] | "all" | undefined,
  parsed: ParsedFile,
  registry: ReadonlyMap<string, CustomerEntry>,
  problems: ConfigProblem[],
): CustomerEntry[] {
  if (list === undefined) return [];
  if (list === "all") {
    if (registry.size === 0) problems.push({ ...located(parsed, ["customers"], "is `all`, but the registry (customers/*.yaml) holds no customer"), fix: "add customers/<slug>.yaml (docs/configuration.md, Add a customer), or list none" });
    return [...registry.values()];
  }
  const out: CustomerEntry[] = [];
  const seen = new Set<string>();
  list.forEach((slug, i) => {
    if (seen.has(slug)) {
      problems.push({ ...located(parsed, ["customers", i], `duplicate customer ${slug}`), fix: "delete this entry" });
      return;
    }
    seen.add(slug);
    const entry = registry.get(slug);
    if (!entry) {
      const known = [...registry.keys()];
      const near = known.find((k) => k.startsWith(slug.slice(0, 3))) ?? known[0];
      problems.push({
        ...located(parsed, ["customers", i], `unknown customer ${slug}: there is no customers/${slug}.yaml${known.length ? ` (known: ${known.join(", ")})` : ""}`, near ? `- "${near}"` : undefined),
        fix: near ? undefined : `create customers/${slug}.yaml (docs/configuration.md, Add a customer)`,
      });
      return;
    }
    out.push(entry);
  });
  return out;
}

/** `file:line:col field` of a customer file's entry, for messages located elsewhere. */
export function whereIn(parsed: ParsedFile, at: readonly (string | number)[]): string {
  const pos = positionOf(parsed, at);
  return `${parsed.file}:${pos.line ?? 1}:${pos.column ?? 1} ${fieldPath(at)}`;
}

/**
 * Senders trusted by two customers of one event: located at the later customer's entry, naming
 * the other file and the event. Each pair once, however many events serve both.
 */
export function checkCustomerOverlaps(eventFile: ParsedFile, slug: string, customers: readonly CustomerEntry[], reported: Set<string>, problems: ConfigProblem[]): void {
  const valid = customers.filter((c) => c.spec);
  const entries = valid.flatMap((c, owner) => entriesOf(c.spec!.trustedSenders, owner));
  for (const o of findOverlaps(entries)) {
    const here = valid[o.entry.owner]!;
    const there = valid[o.other.owner]!;
    const key = [here.slug, there.slug, o.entry.kind, o.entry.index, o.other.kind, o.other.index].join("|");
    if (reported.has(key)) continue;
    reported.add(key);
    const at = ["trustedSenders", o.entry.kind, o.entry.index];
    problems.push({
      ...located(
        here.parsed,
        at,
        `trusts ${o.sender}, as ${there.slug} does (${whereIn(there.parsed, ["trustedSenders", o.other.kind, o.other.index])}); both serve event ${slug} (${eventFile.file}), ` +
          "and a sender may belong to one customer of an event, or the alert could not say whose mail it is",
      ),
      fix: `remove the entry from one of ${here.parsed.file} and ${there.parsed.file}, or list the exact addresses instead of the shared domain`,
    });
  }
}

/** Routes and tiers of the event's `oncall` must name its own customers and their tiers (a typo would route nothing). */
export function checkCustomerRouting(oncall: Partial<EventFileConfig>["oncall"], customers: readonly CustomerEntry[], parsed: ParsedFile, problems: ConfigProblem[]): void {
  if (!oncall) return;
  const specs = customers.flatMap((c) => (c.spec ? [c.spec] : []));
  if (specs.length !== customers.length) return; // a customer file is broken: its own problems come first
  const slugs = specs.map((c) => c.slug);
  const tiers = [...new Set(specs.map((c) => c.tier))];
  oncall.routes.forEach((r, i) => {
    (r.customers ?? []).forEach((c, j) => {
      if (!slugs.includes(c)) problems.push(located(parsed, ["oncall", "routes", i, "customers", j], `${c} is not a customer of this event (${slugs.join(", ") || "it lists none"})`, slugs[0] ? `- "${slugs[0]}"` : undefined));
    });
    (r.tiers ?? []).forEach((t, j) => {
      if (!tiers.includes(t)) problems.push(located(parsed, ["oncall", "routes", i, "tiers", j], `no customer of this event has tier ${t} (${tiers.join(", ") || "it lists none"})`, tiers[0] ? `- "${tiers[0]}"` : undefined));
    });
  });
  for (const t of Object.keys(oncall.tiers)) {
    if (!tiers.includes(t)) problems.push(located(parsed, ["oncall", "tiers", t], `no customer of this event has tier ${t} (${tiers.join(", ") || "it lists none"})`, tiers[0] ? `${tiers[0]}: "${oncall.tiers[t]}"` : undefined, true));
  }
}

/**
 * A relay is a forwarder: a relay of the event (or of one customer) whose address or domain another
 * customer trusts would let anyone who can post to the group page. relayProblems checks one list;
 * this checks each relay against the other lists of the same event.
 */
export function checkRelaysAcrossCustomers(
  event: { parsed: ParsedFile; trustedSenders?: CustomerFileConfig["trustedSenders"] },
  customers: readonly CustomerEntry[],
  mailDomain: string | undefined,
  problems: ConfigProblem[],
): void {
  const sources = [
    ...(event.trustedSenders ? [{ parsed: event.parsed, name: "the event", t: event.trustedSenders }] : []),
    ...customers.flatMap((c) => (c.spec ? [{ parsed: c.parsed, name: `customer ${c.slug} (${c.parsed.file})`, t: c.spec.trustedSenders }] : [])),
  ];
  for (const own of sources) {
    if (own.t.relays.length === 0) continue;
    for (const other of sources) {
      if (other === own) continue;
      const t = { addresses: other.t.addresses, domains: other.t.domains, relays: own.t.relays };
      for (const p of relayProblems({ trustedSenders: t }, mailDomain)) {
        if (/declared twice|mail domain/.test(p.message)) continue; // the relay's own file reports these
        problems.push(located(own.parsed, p.path, `${p.message.replace(/^(.*?):/, "$1 (trusted by " + other.name + "):")}`, p.example));
      }
    }
  }
}
