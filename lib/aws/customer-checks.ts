import { isUnresolved } from "../core/tokens";
import { findOverlaps, TrustedEntry } from "./customer-overlaps";
import { SHARED_MAIL_DOMAINS } from "../../functions/mail-to-alert/contract";
import type { CustomerProps } from "./runtime-config";

/*
 * The checks of EmergencyInbox's `customers` prop: each error names the construct, the prop path
 * and what to do. Token values are skipped (known only at apply time).
 */

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const TIER = /^[a-z][a-z0-9-]{0,39}$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DOMAIN = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const bare = (v: string) => v.toLowerCase().replace(/\.+$/, "");
const known = (v: string) => !isUnresolved(v);

export function checkCustomers(construct: string, customers: readonly CustomerProps[], inboxAddresses: readonly string[]): void {
  const fail = (message: string): never => {
    throw new Error(`${construct}: ${message}`);
  };
  const slugs = new Map<string, number>();
  const aliases = new Map<string, string>();
  for (const a of inboxAddresses) if (known(a)) aliases.set(a.toLowerCase(), "addresses");
  const entries: TrustedEntry[] = [];
  customers.forEach((c, i) => {
    const at = `customers[${i}]`;
    if (!SLUG.test(c.slug)) fail(`${at}.slug must be lower-case letters, digits and single hyphens, starting with a letter, got "${c.slug}"`);
    const first = slugs.get(c.slug);
    if (first !== undefined) fail(`${at}.slug "${c.slug}" is already customers[${first}]; each customer once`);
    slugs.set(c.slug, i);
    if (known(c.name) && (c.name.trim() === "" || c.name.length > 80)) fail(`${at}.name must be 1 to 80 characters (the alert's title shows it)`);
    if (c.tier !== undefined && known(c.tier) && !TIER.test(c.tier)) fail(`${at}.tier must be lower-case letters, digits and hyphens (e.g. "platinum"), got "${c.tier}"`);
    if (c.language !== undefined && known(c.language) && !LANGUAGE.test(c.language)) fail(`${at}.language must be a BCP 47 tag such as "en" or "de-CH", got "${c.language}"`);
    const t = c.trustedSenders;
    if ((t.addresses?.length ?? 0) + (t.domains?.length ?? 0) === 0) fail(`${at}.trustedSenders needs at least one address or domain, or nobody could page for ${c.slug}`);
    (t.addresses ?? []).forEach((a, j) => {
      if (!known(a)) return;
      if (!ADDRESS.test(bare(a))) fail(`${at}.trustedSenders.addresses[${j}] must be an e-mail address, got "${a}"`);
      entries.push({ owner: i, kind: "addresses", index: j, value: bare(a) });
    });
    (t.domains ?? []).forEach((d, j) => {
      if (!known(d)) return;
      if (!DOMAIN.test(bare(d))) fail(`${at}.trustedSenders.domains[${j}] must be a domain such as acme-shop.example or *.acme-shop.example, got "${d}"`);
      if (SHARED_MAIL_DOMAINS.has(bare(d).replace(/^\*\./, ""))) fail(`${at}.trustedSenders.domains[${j}] "${d}" is a mail service anyone can get an address at: every user of it could page; list the person's exact address instead`);
      entries.push({ owner: i, kind: "domains", index: j, value: bare(d) });
    });
    (c.contacts ?? []).forEach((a, j) => {
      if (known(a) && !ADDRESS.test(a)) fail(`${at}.contacts[${j}] must be an e-mail address, got "${a}"`);
    });
    if (c.notes?.runbook !== undefined && known(c.notes.runbook) && !/^https:\/\/\S+$/.test(c.notes.runbook)) fail(`${at}.notes.runbook must be an https:// link, got "${c.notes.runbook}"`);
    (c.aliases ?? []).forEach((a, j) => {
      if (!known(a)) return;
      if (!ADDRESS.test(a)) fail(`${at}.aliases[${j}] must be a full address on the mail domain, got "${a}"`);
      const owner = aliases.get(a.toLowerCase());
      if (owner) fail(`${at}.aliases[${j}] ${a.toLowerCase()} is already ${owner === "addresses" ? "one of the inbox's addresses" : `an alias of ${owner}`}; an alias names one customer`);
      aliases.set(a.toLowerCase(), c.slug);
    });
  });
  if (aliases.size > 500) fail(`addresses and customers' aliases must hold at most 500 addresses together (SES limit per receipt rule), got ${aliases.size}`);
  const overlap = findOverlaps(entries)[0];
  if (overlap) {
    const where = (e: TrustedEntry) => `customers[${e.owner}] (${customers[e.owner]!.slug}) trustedSenders.${e.kind}[${e.index}] "${e.value}"`;
    fail(`${where(overlap.entry)} and ${where(overlap.other)} both trust ${overlap.sender}; a sender may belong to one customer of a line only (list it once, or narrow one of the domains)`);
  }
}
