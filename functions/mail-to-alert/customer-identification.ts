import type { CustomerConfig, FunctionRuntimeConfig, TrustedSenders } from "./contract";
import { domainOf, normalizeAddress, normalizeDomain } from "./sender-identity";
import { domainAndParents, organisationDomains } from "./trusted-senders";

/**
 * Which customer a mail is from (issue 13). Trust itself is decided on the union of the event's
 * and every customer's trusted senders (`allTrustedSenders`); this only names whose sender it
 * was. Pure, and indexed once per config: hundreds of customers cost a few map probes per mail.
 */

/** How the customer was recognised, in the order they are tried. */
export type CustomerMatchKind = "address" | "domain" | "wildcard" | "relay" | "colleague" | "alias";

export interface CustomerMatch {
  readonly customer: CustomerConfig;
  readonly by: CustomerMatchKind;
}

interface CustomerIndex {
  readonly trusted: TrustedSenders;
  readonly addresses: ReadonlyMap<string, CustomerConfig>;
  readonly domains: ReadonlyMap<string, CustomerConfig>;
  /** d of `*.d` → customer. */
  readonly wildcards: ReadonlyMap<string, CustomerConfig>;
  readonly relays: ReadonlyMap<string, CustomerConfig>;
  readonly aliases: ReadonlyMap<string, CustomerConfig>;
  /** Organisation domain → customer; one organisation domain shared by two customers names neither. */
  readonly organisations: ReadonlyMap<string, CustomerConfig | null>;
}

const indexes = new WeakMap<FunctionRuntimeConfig, CustomerIndex>();

function put(map: Map<string, CustomerConfig>, key: string, c: CustomerConfig): void {
  // The stack refuses a sender trusted by two customers; should one slip through, the first wins.
  if (!map.has(key)) map.set(key, c);
}

function indexOf(config: FunctionRuntimeConfig): CustomerIndex {
  let index = indexes.get(config);
  if (index) return index;
  const customers = config.customers ?? [];
  const addresses = new Map<string, CustomerConfig>();
  const domains = new Map<string, CustomerConfig>();
  const wildcards = new Map<string, CustomerConfig>();
  const relays = new Map<string, CustomerConfig>();
  const aliases = new Map<string, CustomerConfig>();
  const organisations = new Map<string, CustomerConfig | null>();
  for (const c of customers) {
    for (const a of c.trustedSenders.addresses) put(addresses, normalizeAddress(a), c);
    for (const d of c.trustedSenders.domains.map(normalizeDomain)) {
      if (d.startsWith("*.")) put(wildcards, d.slice(2), c);
      else put(domains, d, c);
    }
    for (const r of c.trustedSenders.relays) put(relays, normalizeAddress(r.address), c);
    for (const a of c.aliases) put(aliases, a.toLowerCase(), c);
    for (const o of new Set(organisationDomains(c.trustedSenders))) {
      const owner = organisations.get(o);
      organisations.set(o, owner === undefined || owner === c ? c : null);
    }
  }
  const relayList = [...config.trustedSenders.relays];
  const seenRelays = new Set(relayList.map((r) => normalizeAddress(r.address)));
  for (const c of customers) {
    for (const r of c.trustedSenders.relays) {
      const key = normalizeAddress(r.address);
      if (!seenRelays.has(key)) relayList.push(r);
      seenRelays.add(key);
    }
  }
  const trusted: TrustedSenders = customers.length === 0 ? config.trustedSenders : {
          addresses: [...config.trustedSenders.addresses, ...customers.flatMap((c) => c.trustedSenders.addresses)],
          domains: [...config.trustedSenders.domains, ...customers.flatMap((c) => c.trustedSenders.domains)],
          relays: relayList,
        };
  index = { trusted, addresses, domains, wildcards, relays, aliases, organisations };
  indexes.set(config, index);
  return index;
}

/** Who may page on this line: the event's own trusted senders and every customer's (one object per config). */
export function allTrustedSenders(config: FunctionRuntimeConfig): TrustedSenders {
  return indexOf(config).trusted;
}

export interface IdentifyInput {
  /** The authenticated sender (the From, or the original a relay's ARC seal vouched for). */
  readonly sender: string;
  /** Envelope recipients: a customer's own alias names it when its sender does not. */
  readonly recipients: readonly string[];
  /** The declared relay the mail came through, if any. */
  readonly relay?: string;
}

/**
 * The customer of a mail: by its sender's address, exact domain or wildcard domain; then by the
 * relay it came through (a relay declared by one customer); then by organisation (an unlisted
 * colleague of a customer's listed senders); last by the alias it was sent to (the event's own
 * staff writing for a customer). The sender wins over the alias: an alias only names a customer,
 * it never makes anyone trusted.
 */
export function identifyCustomer(config: FunctionRuntimeConfig, input: IdentifyInput): CustomerMatch | undefined {
  if (!config.customers?.length) return undefined;
  const index = indexOf(config);
  const address = normalizeAddress(input.sender);
  const domain = domainOf(address);
  const byAddress = index.addresses.get(address);
  if (byAddress) return { customer: byAddress, by: "address" };
  const chain = domain ? domainAndParents(domain) : [];
  const byDomain = domain ? index.domains.get(domain) : undefined;
  if (byDomain) return { customer: byDomain, by: "domain" };
  for (let i = 1; i < chain.length; i++) {
    const c = index.wildcards.get(chain[i]!);
    if (c) return { customer: c, by: "wildcard" };
  }
  const byRelay = input.relay ? index.relays.get(normalizeAddress(input.relay)) : undefined;
  if (byRelay) return { customer: byRelay, by: "relay" };
  for (const d of chain) {
    const c = index.organisations.get(d);
    if (c === null) break; // two customers share the organisation: it names neither
    if (c) return { customer: c, by: "colleague" };
  }
  for (const r of input.recipients) {
    const c = index.aliases.get(r.toLowerCase());
    if (c) return { customer: c, by: "alias" };
  }
  return undefined;
}

/** What the alert says about the customer (payload `customer`). */
export function customerSummary(c: CustomerConfig): { readonly slug: string; readonly name: string; readonly tier: string } {
  return { slug: c.slug, name: c.name, tier: c.tier };
}
