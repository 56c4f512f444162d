import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, ConfigProblem, fieldPath } from "./errors";
import { SES_INBOUND_REGIONS } from "./regions";
import { findNameCollisions, NamedEvent, namedObjects, OnCallName } from "./oncall-names";
import { rotationName } from "./oncall-schema";
import { checkOnCall } from "./schedule-coverage";
import { EventFileConfig, eventSchema, FoundationConfig, foundationSchema } from "./schema";
import { relayProblems } from "./trust-checks";
import { addLocalDays, utcToLocal, zonedToUtc } from "./time";
import { validateFile } from "./validate";
import { located, ParsedFile, parseFile, positionOf } from "./yaml-source";

export const FOUNDATION_FILE = "foundation.yaml";
/** SES allows 200 rules per set; keep one free for hand-made rules during an incident. */
export const MAX_EVENTS = 199;
const MAX_WINDOW_DAYS = 92;

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

/**
 * Reads and validates `foundation.yaml` and every other `*.yaml` in `dir` (one event each; names
 * starting with `_` or `.` are drafts and skipped). Throws ConfigError listing every problem found.
 */
export interface LoadOptions {
  /** The clock for "the window is over" warnings (tests pass a fixed one). @default the wall clock */
  readonly now?: () => Date;
}

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

/** What the cross-event checks need of an event file, also when part of it did not validate. */
interface EventCandidate {
  readonly parsed: ParsedFile;
  /** The slug, or the file name when the slug did not validate. */
  readonly slug: string;
  /** Valid recipient addresses with the index of their `recipients` entry. */
  readonly addresses: readonly { readonly address: string; readonly index: number }[];
  /** Present when every field the OnCall names derive from validated. */
  readonly named?: NamedEvent;
}

function checkFoundation(f: Partial<FoundationConfig>, parsed: ParsedFile, problems: ConfigProblem[], warnings: string[]): void {
  if (f.region !== undefined && !SES_INBOUND_REGIONS.includes(f.region)) {
    warnings.push(
      `${parsed.file}: region ${f.region} has no SES inbound endpoint; mail to ${f.mailDomain ?? "the mail domain"} will not be received there. ` +
        `Regions that receive: ${SES_INBOUND_REGIONS.join(", ")}.`,
    );
  }
  if (f.mailDomain === undefined) return;
  if (f.mailDomain.split(".").length < 3) {
    // The apex is the zone to delegate from; the mail domain is a name below it.
    problems.push(
      located(
        parsed,
        ["mailDomain"],
        `must be a subdomain (at least three labels): an MX on ${f.mailDomain} itself would take over all mail of the domain; ` +
          `use a name below it, delegated from the parent zone ${f.mailDomain} (parentZone.name: ${f.mailDomain})`,
        `mailDomain: "oncall.${f.mailDomain}"`,
      ),
    );
  } else if (f.parentZone && !f.mailDomain.endsWith(`.${f.parentZone.name}`)) {
    problems.push(
      located(parsed, ["parentZone", "name"], `must be a parent of mailDomain ${f.mailDomain}`, `name: "${f.mailDomain.split(".").slice(1).join(".")}"`),
    );
  }
  if (f.backend?.type === "s3" && f.rawMail && f.namePrefix && f.backend.bucket === bucketNameFor({ rawMail: f.rawMail, namePrefix: f.namePrefix, mailDomain: f.mailDomain })) {
    problems.push(
      located(parsed, ["backend", "bucket"], "must not be the raw-mail bucket: state and mail have different lifecycles and access", `bucket: "${f.namePrefix}-terraform-state"`),
    );
  }
}

/** Raw-mail bucket name: the configured one, or one derived from prefix and domain (stable, unique per domain). */
export function bucketNameFor(f: Pick<FoundationConfig, "rawMail" | "namePrefix" | "mailDomain">): string {
  if (f.rawMail.bucketName) return f.rawMail.bucketName;
  const derived = `${f.namePrefix}-${f.mailDomain.replace(/\./g, "-")}-raw-mail`;
  return derived.length <= 63 ? derived : `${derived.slice(0, 54).replace(/-+$/, "")}-raw-mail`;
}

/** The checks across the fields of one event file, on the fields that validated. */
function resolveEvent(
  e: Partial<EventFileConfig>,
  parsed: ParsedFile,
  fileSlug: string,
  mailDomain: string | undefined,
  problems: ConfigProblem[],
  warnings: string[],
  now: Date,
): { candidate: EventCandidate; windowUtc?: { start: Date; end: Date } } {
  if (e.slug !== undefined && e.slug !== fileSlug) {
    problems.push(located(parsed, ["slug"], `must equal the file name (${fileSlug}); rename the file or the slug`, `slug: "${fileSlug}"`));
  }
  let windowUtc: { start: Date; end: Date } | undefined;
  if (e.window) {
    const start = zonedToUtc(e.window.start, e.window.timeZone);
    const end = zonedToUtc(e.window.end, e.window.timeZone);
    const later = (days: number) => addLocalDays(e.window!.start, days).slice(0, 16);
    const latestEnd = utcToLocal(new Date(start.getTime() + MAX_WINDOW_DAYS * 86400_000), e.window.timeZone).slice(0, 16);
    if (end.getTime() <= start.getTime()) {
      problems.push(located(parsed, ["window", "end"], `must be after window.start (${e.window.start})`, `end: "${later(1)}"`));
    } else if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86400_000) {
      problems.push(
        located(parsed, ["window", "end"], `window is longer than ${MAX_WINDOW_DAYS} days; an event address is for an event, not a permanent pager`, `end: "${latestEnd}"`),
      );
    } else {
      windowUtc = { start, end };
      // Schedule coverage needs a sane window; checked only once the window itself is valid.
      if (e.oncall) {
        for (const p of checkOnCall({ window: e.window, windowUtc, oncall: e.oncall })) {
          problems.push(located(parsed, p.path, p.message, p.example));
        }
      }
    }
    if (end.getTime() < now.getTime()) {
      warnings.push(`${parsed.file}: the window ended ${e.window.end} ${e.window.timeZone}; retire the event (delete the file) when it is over.`);
    }
  }
  if (e.trustedSenders && e.trustedSenders.addresses.length === 0 && e.trustedSenders.domains.length === 0) {
    problems.push(located(parsed, ["trustedSenders"], "nobody could page: list at least one trusted address or domain", "addresses: [\"cto@acme-shop.example\"]"));
  }
  if (e.trustedSenders) for (const p of relayProblems({ trustedSenders: e.trustedSenders }, mailDomain)) problems.push(located(parsed, p.path, p.message, p.example));
  if (e.trustedSenders) pushDuplicates(parsed, ["trustedSenders", "addresses"], e.trustedSenders.addresses, problems);
  if (e.trustedSenders) pushDuplicates(parsed, ["trustedSenders", "domains"], e.trustedSenders.domains, problems);

  const addresses: { address: string; index: number }[] = [];
  if (mailDomain !== undefined) {
    const domain = mailDomain;
    const slug = e.slug ?? fileSlug;
    (e.recipients ?? []).forEach((r, i) => {
      const full = (r.includes("@") ? r : `${r}@${domain}`).toLowerCase();
      const local = full.slice(0, full.lastIndexOf("@"));
      if (r !== r.toLowerCase()) {
        problems.push(located(parsed, ["recipients", i], "must be lower case (SES matches recipients case-insensitively; one spelling avoids duplicates)", `- "${r.toLowerCase()}"`));
      } else if (!full.endsWith(`@${domain}`)) {
        problems.push(located(parsed, ["recipients", i], `must be on the mail domain ${domain}; other domains do not reach this SES`, `- "${local}@${domain}"`));
      } else if (!/^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$/.test(local) || local.includes("..")) {
        problems.push(located(parsed, ["recipients", i], "local part must be 1-64 of a-z 0-9 . _ + - and start and end with a letter or digit", `- "${slug}"`));
      } else if (["postmaster", "abuse", "mailer-daemon", "noreply", "no-reply"].includes(local)) {
        problems.push(located(parsed, ["recipients", i], `"${local}" is reserved for mail infrastructure; pick an event address`, `- "${slug}"`));
      } else if (addresses.some((a) => a.address === full)) {
        problems.push({ ...located(parsed, ["recipients", i], `duplicate address ${full}`), fix: "delete this entry" });
      } else {
        addresses.push({ address: full, index: i });
      }
    });
    // The customer's domain, when a trusted address shows it, is the likely intended entry.
    const customerDomain = e.trustedSenders?.addresses.map((a) => a.split("@")[1]).find((d) => d !== domain && !d.endsWith(`.${domain}`)) ?? "acme-shop.example";
    e.trustedSenders?.domains.forEach((d, i) => {
      if (d === domain || d.replace(/^\*\./, "") === domain || d.endsWith(`.${domain}`)) {
        problems.push(located(parsed, ["trustedSenders", "domains", i], `must not be the mail domain itself (${domain}): that would let the pipeline page itself in a loop`, `- "${customerDomain}"`));
      }
    });
    e.trustedSenders?.addresses.forEach((a, i) => {
      if (a.endsWith(`@${domain}`)) {
        problems.push({ ...located(parsed, ["trustedSenders", "addresses", i], `must not be on the mail domain ${domain} (mail loops)`), fix: "list the customer's own address instead" });
      }
    });
  }
  const named = e.slug !== undefined && e.title !== undefined && e.customer !== undefined && e.oncall !== undefined ? { slug: e.slug, title: e.title, customer: e.customer, oncall: e.oncall } : undefined;
  return { candidate: { parsed, slug: e.slug ?? fileSlug, addresses, named }, windowUtc };
}

function pushDuplicates(parsed: ParsedFile, at: (string | number)[], values: readonly string[], problems: ConfigProblem[]): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const key = v.toLowerCase();
    if (seen.has(key)) problems.push({ ...located(parsed, [...at, i], `duplicate entry ${v}`), fix: "delete this entry" });
    seen.add(key);
  });
}

function checkAcrossEvents(events: readonly EventCandidate[], problems: ConfigProblem[]): void {
  const owner = new Map<string, EventCandidate>();
  for (const e of events) {
    for (const { address, index } of e.addresses) {
      const first = owner.get(address);
      if (first) {
        const pos = positionOf(first.parsed, ["recipients", first.addresses.find((a) => a.address === address)!.index]);
        problems.push(
          located(
            e.parsed,
            ["recipients", index],
            `address ${address} is already used by event ${first.slug} (${first.parsed.file}:${pos.line ?? 1}:${pos.column ?? 1}); SES would deliver it to only one rule`,
            `- "${e.slug}"`,
          ),
        );
      } else owner.set(address, e);
    }
  }
  // Names are derived from the unique slug, so this holds by construction; checking the derived
  // names themselves keeps it true if the naming changes, and catches names equal but for case.
  const named = events.flatMap((e) => (e.named ? [{ owner: { candidate: e, named: e.named }, objects: namedObjects(e.named) }] : []));
  for (const c of findNameCollisions(named)) {
    const here = c.at.candidate.parsed;
    const there = c.first.candidate.parsed;
    const pos = positionOf(there, c.firstObject.path, false);
    const line = `${pos.line ?? 1}:${pos.column ?? 1}`;
    const where = here === there ? `${fieldPath(c.firstObject.path)} (line ${line})` : `event ${c.first.named.slug} (${there.file}:${line} ${fieldPath(c.firstObject.path)})`;
    problems.push(
      located(
        here,
        c.object.path,
        `gives the OnCall ${c.object.kind} name "${c.object.name}", already taken by ${where}; ` +
          `OnCall wants ${c.object.kind} names unique in the organisation (ignoring case), so rename one of them`,
        renameExample(c.at.named, c.object),
      ),
    );
  }
  if (events.length > MAX_EVENTS) {
    problems.push({
      file: events[MAX_EVENTS].parsed.file,
      field: "",
      message: `more than ${MAX_EVENTS} events: SES allows 200 rules per rule set`,
      fix: "retire finished events (delete their files)",
      line: 1,
      column: 1,
    });
  }
}

/** A rename that makes a colliding derived name unique again. */
function renameExample(e: NamedEvent, o: OnCallName): string {
  const [head, , , index] = o.path;
  if (head === "oncall" && o.path[1] === "schedule") return `name: "${rotationName(e.oncall.schedule.rotations[index as number], index as number)}-2"`;
  if (head === "oncall") return `${String(o.path[2])}-2:`;
  if (head === "title") return `title: "${e.title} 2"`;
  return `slug: "${e.slug}-2"`;
}
