import { ConfigProblem } from "./errors";
import type { NamedEvent } from "./oncall-names";
import { checkOnCall } from "./schedule-coverage";
import type { EventFileConfig } from "./schema";
import { addLocalDays, utcToLocal, zonedToUtc } from "../lib/core/time";
import { relayProblems } from "./trust-checks";
import { hasField, located, ParsedFile } from "./yaml-source";

/*
 * The checks of one event file that the schema cannot make: across its fields (slug and file name,
 * window, schedule coverage, trusted senders) and against the foundation (recipients on the mail
 * domain), run on the fields that validated. They also resolve what the event file means: its
 * full recipient addresses and its window in UTC.
 */

const MAX_WINDOW_DAYS = 92;

/** What the cross-event checks need of an event file, also when part of it did not validate. */
export interface EventCandidate {
  readonly parsed: ParsedFile;
  /** The slug, or the file name when the slug did not validate. */
  readonly slug: string;
  /** Valid recipient addresses with the index of their `recipients` entry. */
  readonly addresses: readonly { readonly address: string; readonly index: number }[];
  /** Present when every field the OnCall names derive from validated. */
  readonly named?: NamedEvent;
}

/** The checks across the fields of one event file, on the fields that validated. */
export function resolveEvent(
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
  if (e.customer === undefined && e.customers === undefined && hasField(parsed, ["slug"])) {
    problems.push({ ...located(parsed, [], "is required when the event lists no `customers`: say who writes in (or list customers from customers/)", 'customer: "Acme Shop"'), field: "customer" });
  }
  if (e.customers === undefined && e.trustedSenders && e.trustedSenders.addresses.length === 0 && e.trustedSenders.domains.length === 0) {
    problems.push(located(parsed, ["trustedSenders"], "nobody could page: list at least one trusted address or domain (or serve customers with `customers`)", "addresses: [\"cto@acme-shop.example\"]"));
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
    // A reply copied to the mail domain would come back in as mail (dropped as automated, but a loop all the same).
    e.replies?.cc.forEach((a, i) => {
      if (a.endsWith(`@${domain}`) || a.endsWith(`.${domain}`)) {
        problems.push({ ...located(parsed, ["replies", "cc", i], `must not be on the mail domain ${domain}: replies copied there come back in as mail`), fix: "copy the customer's own contact instead" });
      }
    });
  }
  const named = e.slug !== undefined && e.title !== undefined && e.oncall !== undefined ? { slug: e.slug, title: e.title, customer: e.customer, oncall: e.oncall } : undefined;
  return { candidate: { parsed, slug: e.slug ?? fileSlug, addresses, named }, windowUtc };
}

export function pushDuplicates(parsed: ParsedFile, at: (string | number)[], values: readonly string[], problems: ConfigProblem[]): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const key = v.toLowerCase();
    if (seen.has(key)) problems.push({ ...located(parsed, [...at, i], `duplicate entry ${v}`), fix: "delete this entry" });
    seen.add(key);
  });
}
