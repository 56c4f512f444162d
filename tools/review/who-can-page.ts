import type { Json, JsonObject, SynthSet } from "./model";
import { code } from "./markdown";

/*
 * "Who can page" (issue 13): per event, the customers and trusted senders a change adds or
 * removes, in the words a reviewer uses ("Globex may now page from *.globex.example"), read from
 * each side's function runtime config: the config layer's document (inlined by load.ts) or, for
 * stacks synthesized before it existed, the EVENT_CONFIG environment variable.
 */

/** Key under which load.ts inlines the config layer's runtime-config.json into the layer's body. */
export const LAYER_CONFIG_KEY = "(runtime-config.json in the layer zip)";

interface Senders {
  readonly addresses: readonly string[];
  readonly domains: readonly string[];
  readonly relays: readonly string[];
}
interface CustomerView {
  readonly slug: string;
  readonly name: string;
  readonly tier: string;
  readonly senders: Senders;
  readonly aliases: readonly string[];
}
/** What an event's function lets page. */
export interface PagingView {
  readonly event: string;
  readonly own: Senders;
  readonly customers: ReadonlyMap<string, CustomerView>;
}

const strings = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const obj = (v: Json | undefined): JsonObject => (v !== null && typeof v === "object" && !Array.isArray(v) ? v : {});

function sendersOf(t: Json | undefined): Senders {
  const o = obj(t);
  const relays = Array.isArray(o.relays) ? o.relays.map((r) => `${String(obj(r).address)} (sealed by ${String(obj(r).sealer)})`) : [];
  return { addresses: strings(o.addresses), domains: strings(o.domains), relays };
}

/** The runtime config documents of a stack (one per mail-to-alert function). */
export function runtimeConfigsOf(stack: JsonObject): JsonObject[] {
  const resources = obj(stack.resource);
  const out: JsonObject[] = [];
  const parse = (s: Json | undefined) => {
    if (typeof s !== "string") return;
    try {
      const v = JSON.parse(s) as Json;
      if (v && typeof v === "object" && !Array.isArray(v) && typeof v.slug === "string") out.push(v);
    } catch {
      // not a runtime config
    }
  };
  for (const layer of Object.values(obj(resources.aws_lambda_layer_version))) parse(obj(layer)[LAYER_CONFIG_KEY]);
  for (const fn of Object.values(obj(resources.aws_lambda_function))) {
    // Older synth output writes the block as a one-element list.
    const env = obj(fn).environment;
    parse(obj(obj(Array.isArray(env) ? env[0] : env).variables).EVENT_CONFIG);
  }
  return out;
}

/** Who may page in each event of a synth set, by event slug. */
export function pagingViews(set: SynthSet): Map<string, PagingView> {
  const views = new Map<string, PagingView>();
  for (const stack of Object.keys(set).sort()) {
    for (const c of runtimeConfigsOf(set[stack]!)) {
      const customers = new Map<string, CustomerView>();
      for (const x of Array.isArray(c.customers) ? c.customers : []) {
        const o = obj(x);
        const slug = String(o.slug);
        customers.set(slug, { slug, name: String(o.name), tier: String(o.tier), senders: sendersOf(o.trustedSenders), aliases: strings(o.aliases) });
      }
      views.set(String(c.slug), { event: String(c.slug), own: sendersOf(c.trustedSenders), customers });
    }
  }
  return views;
}

const KINDS: [keyof Senders, string][] = [
  ["addresses", "address"],
  ["domains", "domain"],
  ["relays", "relay"],
];

/** "+ address a, + domain d; − relay r": what a list of senders gained and lost. */
function senderChanges(before: Senders | undefined, after: Senders | undefined): string[] {
  const out: string[] = [];
  for (const [key, word] of KINDS) {
    const b = new Set(before?.[key] ?? []);
    const a = new Set(after?.[key] ?? []);
    for (const v of a) if (!b.has(v)) out.push(`+ ${word} ${code(v)}`);
    for (const v of b) if (!a.has(v)) out.push(`− ${word} ${code(v)}`);
  }
  return out;
}

const listed = (s: Senders) => KINDS.flatMap(([key, word]) => s[key].map((v) => `${word} ${code(v)}`)).join(", ") || "nobody";

/** The lines of one event: customers added and removed, and every trusted sender added or removed. */
function eventLines(before: PagingView | undefined, after: PagingView | undefined): string[] {
  const lines: string[] = [];
  const own = senderChanges(before?.own, after?.own);
  if (own.length) lines.push(`- the event's own trusted senders: ${own.join(", ")}`);
  const slugs = [...new Set([...(before?.customers.keys() ?? []), ...(after?.customers.keys() ?? [])])].sort();
  for (const slug of slugs) {
    const b = before?.customers.get(slug);
    const a = after?.customers.get(slug);
    if (a && !b) lines.push(`- **customer added: ${a.name}** (${code(slug)}, tier ${a.tier}); may page from: ${listed(a.senders)}${a.aliases.length ? `; aliases ${a.aliases.map(code).join(", ")}` : ""}`);
    else if (b && !a) lines.push(`- **customer removed: ${b.name}** (${code(slug)}); can no longer page from: ${listed(b.senders)}`);
    else if (a && b) {
      const changes = senderChanges(b.senders, a.senders);
      const aliases = [...a.aliases.filter((x) => !b.aliases.includes(x)).map((x) => `+ alias ${code(x)}`), ...b.aliases.filter((x) => !a.aliases.includes(x)).map((x) => `− alias ${code(x)}`)];
      const tier = a.tier !== b.tier ? [`tier ${b.tier} → ${a.tier}`] : [];
      if (changes.length || aliases.length || tier.length) lines.push(`- ${a.name} (${code(slug)}): ${[...changes, ...aliases, ...tier].join(", ")}`);
    }
  }
  return lines;
}

/**
 * The "Who can page" section: one block per event whose customers or trusted senders differ;
 * empty when none does (the rest of the review still shows every other change).
 */
export function whoCanPageMarkdown(base: SynthSet, head: SynthSet): string {
  const b = pagingViews(base);
  const h = pagingViews(head);
  const events = [...new Set([...b.keys(), ...h.keys()])].sort();
  const blocks: string[] = [];
  for (const e of events) {
    const lines = eventLines(b.get(e), h.get(e));
    if (!lines.length) continue;
    const status = !b.has(e) ? " (new event)" : !h.has(e) ? " (event removed)" : "";
    blocks.push(`**${code(e)}**${status}`, "", ...lines, "");
  }
  if (!blocks.length) return "";
  return ["### Who can page", "", "Customers and trusted senders added or removed, per event (from each side's function config).", "", ...blocks].join("\n");
}

/** Puts the section before the first stack's section (after the summary table), where a reviewer reads first. */
export function insertAfterSummary(md: string, section: string): string {
  const at = md.indexOf("\n### `");
  if (at < 0) return `${md.replace(/\n+$/, "")}\n\n${section.trimEnd()}\n`;
  return `${md.slice(0, at + 1)}${section.trimEnd()}\n\n${md.slice(at + 1)}`;
}
