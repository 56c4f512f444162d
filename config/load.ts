import * as fs from "node:fs";
import * as path from "node:path";
import { Document, isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ConfigError, ConfigProblem, fieldPath } from "./errors";
import { SES_INBOUND_REGIONS } from "./regions";
import { findNameCollisions, namedObjects, OnCallName } from "./oncall-names";
import { checkOnCall, rotationName } from "./oncall-schema";
import { EventFileConfig, eventSchema, FoundationConfig, foundationSchema } from "./schema";
import { zonedToUtc } from "./time";

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

interface ParsedFile {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/**
 * Reads and validates `foundation.yaml` and every other `*.yaml` in `dir` (one event each; names
 * starting with `_` or `.` are drafts and skipped). Throws ConfigError listing every problem found.
 */
export function loadConfig(dir: string): AppConfig {
  const rel = (f: string) => path.relative(process.cwd(), path.join(dir, f)) || f;
  if (!fs.existsSync(dir)) {
    throw new ConfigError([{ file: rel(""), field: "", message: `config folder does not exist; create it with a ${FOUNDATION_FILE}` }]);
  }
  const names = fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && !n.startsWith("_") && !n.startsWith("."))
    .sort();
  const problems: ConfigProblem[] = [];
  const warnings: string[] = [];

  if (!names.includes(FOUNDATION_FILE)) {
    problems.push({ file: rel(FOUNDATION_FILE), field: "", message: "missing: the foundation config is required (region, mailDomain, ...)", example: "region: eu-west-1" });
    throw new ConfigError(problems);
  }
  const foundationFile = parseFile(rel(FOUNDATION_FILE), fs.readFileSync(path.join(dir, FOUNDATION_FILE), "utf8"), problems);
  const foundation = foundationFile && validate(foundationFile, foundationSchema, problems);
  if (foundation) checkFoundation(foundation, foundationFile!, problems, warnings);

  const events: EventSpec[] = [];
  const parsedOf = new Map<EventSpec, ParsedFile>();
  for (const name of names) {
    if (name === FOUNDATION_FILE) continue;
    if (name.endsWith(".yml")) {
      problems.push({ file: rel(name), field: "", message: "use the .yaml extension (one spelling keeps `git ls-files events/*.yaml` complete)" });
      continue;
    }
    const parsed = parseFile(rel(name), fs.readFileSync(path.join(dir, name), "utf8"), problems);
    const event = parsed && validate(parsed, eventSchema, problems);
    if (!event || !parsed) continue;
    const spec = resolveEvent(event, parsed, name.replace(/\.yaml$/, ""), foundation, problems, warnings);
    if (spec) {
      events.push(spec);
      parsedOf.set(spec, parsed);
    }
  }
  if (foundation) checkAcrossEvents(events, parsedOf, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { foundation: foundation!, events, warnings };
}

function parseFile(file: string, text: string, problems: ConfigProblem[]): ParsedFile | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      problems.push({ file, field: "", message: `not valid YAML: ${e.message.split("\n")[0]}`, line: pos?.line, column: pos?.col });
    }
    return undefined;
  }
  if (doc.contents === null || !isMap(doc.contents)) {
    problems.push({ file, field: "", message: "must be a YAML mapping of fields (the file is empty or holds a list or a scalar)", example: "slug: black-friday-2026" });
    return undefined;
  }
  return { file, doc, lines };
}

function validate<S extends z.ZodType>(parsed: ParsedFile, schema: S, problems: ConfigProblem[]): z.output<S> | undefined {
  const result = schema.safeParse(parsed.doc.toJS());
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const at = [...issue.path, key];
        const known = knownKeys(schema, issue.path);
        const near = known.length ? ` Known fields here: ${known.join(", ")}.` : "";
        problems.push(located(parsed, at, `unknown field (typo?).${near}`, undefined, true));
      }
      continue;
    }
    // A check that can derive the right value passes it as `params.example` (a public zod field);
    // null means "no example fits", so the generic one from the schema is not shown either.
    const derived = issue.code === "custom" ? (issue.params as { example?: unknown } | undefined)?.example : undefined;
    const example = derived === undefined ? exampleFor(schema, issue.path) : derived === null ? undefined : yamlExample(issue.path, derived);
    problems.push(located(parsed, issue.path, issue.message, example));
  }
  return undefined;
}

function located(parsed: ParsedFile, at: readonly PropertyKey[], message: string, example?: string, atKey = false): ConfigProblem {
  const pos = positionOf(parsed, at, atKey);
  return { file: parsed.file, field: fieldPath(at), message, example, ...pos };
}

/** Line and column of the value (or key) at `at`, falling back to the nearest existing parent. */
function positionOf(parsed: ParsedFile, at: readonly PropertyKey[], atKey: boolean): { line?: number; column?: number } {
  for (let n = at.length; n >= 0; n--) {
    const keys = at.slice(0, n) as (string | number)[];
    let offset: number | undefined;
    if (atKey && n === at.length && n > 0) {
      const parent = parsed.doc.getIn(keys.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === keys[keys.length - 1]);
        if (pair && isNode(pair.key)) offset = pair.key.range?.[0];
      }
    } else {
      const node = n === 0 ? parsed.doc.contents : parsed.doc.getIn(keys, true);
      if (isNode(node)) offset = node.range?.[0];
    }
    if (offset !== undefined) {
      const { line, col } = parsed.lines.linePos(offset);
      return { line, column: col };
    }
  }
  return {};
}

/** Walks zod's definitions down `path` to the schema of that field (through optional/default/array). */
function schemaAt(schema: z.ZodType, at: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType): z.ZodType => {
    const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (["optional", "default", "nullable", "prefault", "readonly", "catch"].includes(def.type as string)) return unwrap(def.innerType as z.ZodType);
    if (def.type === "pipe") return unwrap(def.in as z.ZodType);
    return s;
  };
  for (const seg of at) {
    if (!current) return undefined;
    current = unwrap(current);
    const def = (current as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === "object" && typeof seg === "string") current = (def.shape as Record<string, z.ZodType>)[seg];
    else if (def.type === "array" && typeof seg === "number") current = def.element as z.ZodType;
    else if (def.type === "record") current = def.valueType as z.ZodType;
    else if (def.type === "union" && typeof seg === "string") {
      const options = def.options as z.ZodType[];
      current = options.map((o) => schemaAt(o, [seg])).find((o) => o !== undefined);
    } else return undefined;
  }
  return current;
}

function metaOf(s: z.ZodType | undefined): { examples?: unknown[] } | undefined {
  for (let cur = s; cur; ) {
    const meta = z.globalRegistry.get(cur) as { examples?: unknown[] } | undefined;
    if (meta?.examples) return meta;
    const def = (cur as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    cur = (def.innerType ?? def.in) as z.ZodType | undefined;
  }
  return undefined;
}

function exampleFor(schema: z.ZodType, at: readonly PropertyKey[]): string | undefined {
  const meta = metaOf(schemaAt(schema, at));
  return meta?.examples?.length ? yamlExample(at, meta.examples[0]) : undefined;
}

/** A value written as the field at `at` would be in YAML: `key: value`, or `- value` in a list. */
function yamlExample(at: readonly PropertyKey[], example: unknown): string {
  const value = JSON.stringify(example);
  const last = at[at.length - 1];
  if (typeof last === "number") return `- ${value}`; // a list item is written as one in YAML
  return last === undefined ? value : `${String(last)}: ${value}`;
}

function knownKeys(schema: z.ZodType, at: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, at);
  const def = s && (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def?.type === "object") return Object.keys(def.shape as object);
  // optional/default wrappers: look one level in.
  const inner = def && ((def.innerType ?? def.in) as z.ZodType | undefined);
  return inner ? knownKeys(inner, []) : [];
}

function checkFoundation(f: FoundationConfig, parsed: ParsedFile, problems: ConfigProblem[], warnings: string[]): void {
  if (!SES_INBOUND_REGIONS.includes(f.region)) {
    warnings.push(
      `${parsed.file}: region ${f.region} has no SES inbound endpoint; mail to ${f.mailDomain} will not be received there. ` +
        `Regions that receive: ${SES_INBOUND_REGIONS.join(", ")}.`,
    );
  }
  if (f.mailDomain.split(".").length < 3) {
    problems.push(
      located(parsed, ["mailDomain"], "must be a subdomain (at least three labels): an MX on the apex would take over all mail of the domain", "mailDomain: \"oncall.example.com\""),
    );
  }
  if (f.parentZone && !f.mailDomain.endsWith(`.${f.parentZone.name}`)) {
    problems.push(
      located(parsed, ["parentZone", "name"], `must be a parent of mailDomain ${f.mailDomain}`, `name: "${f.mailDomain.split(".").slice(1).join(".")}"`),
    );
  }
  if (f.backend.type === "s3" && f.backend.bucket === bucketNameFor(f)) {
    problems.push(located(parsed, ["backend", "bucket"], "must not be the raw-mail bucket: state and mail have different lifecycles and access", "bucket: \"acme-terraform-state\""));
  }
}

/** Raw-mail bucket name: the configured one, or one derived from prefix and domain (stable, unique per domain). */
export function bucketNameFor(f: FoundationConfig): string {
  if (f.rawMail.bucketName) return f.rawMail.bucketName;
  const derived = `${f.namePrefix}-${f.mailDomain.replace(/\./g, "-")}-raw-mail`;
  return derived.length <= 63 ? derived : `${derived.slice(0, 54).replace(/-+$/, "")}-raw-mail`;
}

function resolveEvent(
  e: EventFileConfig,
  parsed: ParsedFile,
  fileSlug: string,
  foundation: FoundationConfig | undefined,
  problems: ConfigProblem[],
  warnings: string[],
): EventSpec | undefined {
  const before = problems.length;
  if (e.slug !== fileSlug) {
    problems.push(located(parsed, ["slug"], `must equal the file name (${fileSlug}); rename the file or the slug`, `slug: "${fileSlug}"`));
  }
  const start = zonedToUtc(e.window.start, e.window.timeZone);
  const end = zonedToUtc(e.window.end, e.window.timeZone);
  if (end.getTime() <= start.getTime()) {
    problems.push(located(parsed, ["window", "end"], `must be after window.start (${e.window.start})`, `end: "${e.window.start.slice(0, 10)}T23:59"`));
  } else if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * 86400_000) {
    problems.push(located(parsed, ["window", "end"], `window is longer than ${MAX_WINDOW_DAYS} days; an event address is for an event, not a permanent pager`));
  } else {
    // Schedule coverage needs a sane window; checked only once the window itself is valid.
    for (const p of checkOnCall({ window: e.window, windowUtc: { start, end }, oncall: e.oncall })) {
      problems.push(located(parsed, p.path, p.message, p.example));
    }
  }
  if (end.getTime() < Date.now()) {
    warnings.push(`${parsed.file}: the window ended ${e.window.end} ${e.window.timeZone}; retire the event (delete the file) when it is over.`);
  }
  if (e.trustedSenders.addresses.length === 0 && e.trustedSenders.domains.length === 0) {
    problems.push(located(parsed, ["trustedSenders"], "nobody could page: list at least one trusted address or domain", "addresses: [\"cto@acme-shop.example\"]"));
  }
  pushDuplicates(parsed, ["trustedSenders", "addresses"], e.trustedSenders.addresses, problems);
  pushDuplicates(parsed, ["trustedSenders", "domains"], e.trustedSenders.domains, problems);

  const addresses: string[] = [];
  if (foundation) {
    const domain = foundation.mailDomain;
    e.recipients.forEach((r, i) => {
      const full = (r.includes("@") ? r : `${r}@${domain}`).toLowerCase();
      const local = full.slice(0, full.lastIndexOf("@"));
      if (r !== r.toLowerCase()) {
        problems.push(located(parsed, ["recipients", i], "must be lower case (SES matches recipients case-insensitively; one spelling avoids duplicates)", `- "${r.toLowerCase()}"`));
      } else if (!full.endsWith(`@${domain}`)) {
        problems.push(located(parsed, ["recipients", i], `must be on the mail domain ${domain}; other domains do not reach this SES`, `- "${local}@${domain}"`));
      } else if (!/^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$/.test(local) || local.includes("..")) {
        problems.push(located(parsed, ["recipients", i], "local part must be 1-64 of a-z 0-9 . _ + - and start and end with a letter or digit", `- "${e.slug}"`));
      } else if (["postmaster", "abuse", "mailer-daemon", "noreply", "no-reply"].includes(local)) {
        problems.push(located(parsed, ["recipients", i], `"${local}" is reserved for mail infrastructure; pick an event address`, `- "${e.slug}"`));
      } else if (addresses.includes(full)) {
        problems.push(located(parsed, ["recipients", i], `duplicate address ${full}`));
      } else {
        addresses.push(full);
      }
    });
    e.trustedSenders.domains.forEach((d, i) => {
      if (d === domain || d.replace(/^\*\./, "") === domain || d.endsWith(`.${domain}`)) {
        problems.push(located(parsed, ["trustedSenders", "domains", i], `must not be the mail domain itself (${domain}): that would let the pipeline page itself in a loop`));
      }
    });
    e.trustedSenders.addresses.forEach((a, i) => {
      if (a.endsWith(`@${domain}`)) {
        problems.push(located(parsed, ["trustedSenders", "addresses", i], `must not be on the mail domain ${domain} (mail loops)`));
      }
    });
  }
  if (problems.length > before) return undefined;
  return { ...e, file: parsed.file, addresses, windowUtc: { start, end } };
}

function pushDuplicates(parsed: ParsedFile, at: (string | number)[], values: readonly string[], problems: ConfigProblem[]): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const key = v.toLowerCase();
    if (seen.has(key)) problems.push(located(parsed, [...at, i], `duplicate entry ${v}`));
    seen.add(key);
  });
}

function checkAcrossEvents(events: readonly EventSpec[], parsedOf: ReadonlyMap<EventSpec, ParsedFile>, problems: ConfigProblem[]): void {
  const owner = new Map<string, EventSpec>();
  for (const e of events) {
    e.addresses.forEach((a) => {
      const first = owner.get(a);
      if (first) {
        problems.push({
          file: e.file,
          field: "recipients",
          message: `address ${a} is already used by event ${first.slug} (${first.file}); SES would deliver it to only one rule`,
          example: `- "${e.slug}"`,
        });
      } else owner.set(a, e);
    });
  }
  // Names are derived from the unique slug, so this holds by construction; checking the derived
  // names themselves keeps it true if the naming changes, and catches names equal but for case.
  for (const c of findNameCollisions(events.map((e) => ({ owner: e, objects: namedObjects(e) })))) {
    const here = parsedOf.get(c.at)!;
    const there = parsedOf.get(c.first)!;
    const pos = positionOf(there, c.firstObject.path, false);
    const line = `${pos.line ?? 1}:${pos.column ?? 1}`;
    const where = c.first === c.at ? `${fieldPath(c.firstObject.path)} (line ${line})` : `event ${c.first.slug} (${there.file}:${line} ${fieldPath(c.firstObject.path)})`;
    problems.push(
      located(
        here,
        c.object.path,
        `gives the OnCall ${c.object.kind} name "${c.object.name}", already taken by ${where}; ` +
          `OnCall wants ${c.object.kind} names unique in the organisation (ignoring case), so rename one of them`,
        renameExample(c.at, c.object),
      ),
    );
  }
  if (events.length > MAX_EVENTS) {
    problems.push({ file: events[MAX_EVENTS].file, field: "", message: `more than ${MAX_EVENTS} events: SES allows 200 rules per rule set; retire finished events` });
  }
}

/** A rename that makes a colliding derived name unique again. */
function renameExample(e: EventSpec, o: OnCallName): string {
  const [head, , , index] = o.path;
  if (head === "oncall" && o.path[1] === "schedule") return `name: "${rotationName(e.oncall.schedule.rotations[index as number], index as number)}-2"`;
  if (head === "oncall") return `${String(o.path[2])}-2:`;
  if (head === "title") return `title: "${e.title} 2"`;
  return `slug: "${e.slug}-2"`;
}
