import { SHARED_MAIL_DOMAINS, TrustedSenders } from "./contract";
import { domainOf, normalizeAddress, normalizeDomain } from "./sender-identity";

/**
 * How an address relates to the trusted senders: `listed` (an address or domain on the list),
 * `colleague` (same organisation domain as a listed sender, or a subdomain of it, but not listed
 * itself), or `stranger`.
 */
export type TrustMatch = "listed" | "colleague" | "stranger";

/** `*.d` matches subdomains of d (a.d, b.a.d), not d itself; any other pattern matches exactly. */
export function domainMatches(domain: string, pattern: string): boolean {
  const d = normalizeDomain(domain);
  const p = normalizeDomain(pattern);
  if (p.startsWith("*.")) return d.endsWith(p.slice(1)) && d.length > p.length - 1;
  return d === p;
}

// Mail services anyone can sign up to: in the contract, so the config and the library refuse them as trusted domains.
export { SHARED_MAIL_DOMAINS };

/** Organisation domains of the list: the domains of listed addresses (not shared mail services) and of listed domain patterns. */
export function organisationDomains(trusted: TrustedSenders): string[] {
  const fromAddresses = trusted.addresses.map(domainOf).filter((d) => !SHARED_MAIL_DOMAINS.has(d));
  return [...fromAddresses, ...trusted.domains.map((p) => normalizeDomain(p).replace(/^\*\./, ""))].filter(Boolean);
}

/** A domain and each parent of it: a.b.c, b.c, c. */
export function domainAndParents(domain: string): string[] {
  const out = [domain];
  for (let i = domain.indexOf("."); i >= 0; i = domain.indexOf(".", i + 1)) out.push(domain.slice(i + 1));
  return out;
}

/**
 * The list as sets, built once per list object: with hundreds of customers on one line the
 * lookups stay a few map probes per label of the domain instead of a scan of every entry.
 */
interface TrustIndex {
  readonly addresses: ReadonlySet<string>;
  readonly exactDomains: ReadonlySet<string>;
  /** d of each `*.d`. */
  readonly wildcardBases: ReadonlySet<string>;
  readonly organisations: ReadonlySet<string>;
}

const indexes = new WeakMap<TrustedSenders, TrustIndex>();

function indexOf(trusted: TrustedSenders): TrustIndex {
  let index = indexes.get(trusted);
  if (!index) {
    const domains = trusted.domains.map(normalizeDomain);
    index = {
      addresses: new Set(trusted.addresses.map(normalizeAddress)),
      exactDomains: new Set(domains.filter((d) => !d.startsWith("*."))),
      wildcardBases: new Set(domains.filter((d) => d.startsWith("*.")).map((d) => d.slice(2))),
      organisations: new Set(organisationDomains(trusted)),
    };
    indexes.set(trusted, index);
  }
  return index;
}

export function trustOf(address: string, trusted: TrustedSenders): TrustMatch {
  const a = normalizeAddress(address);
  const domain = domainOf(a);
  if (!domain) return "stranger";
  const index = indexOf(trusted);
  if (index.addresses.has(a) || index.exactDomains.has(domain)) return "listed";
  const chain = domainAndParents(domain);
  // `*.d` covers the parents of the domain, never the domain itself.
  for (let i = 1; i < chain.length; i++) if (index.wildcardBases.has(chain[i]!)) return "listed";
  for (const d of chain) if (index.organisations.has(d)) return "colleague";
  return "stranger";
}

/** Whether any of the addresses names a listed sender: drops of such mail are counted and alarm. */
export function claimsTrusted(addresses: readonly string[], trusted: TrustedSenders): boolean {
  return addresses.some((a) => trustOf(a, trusted) === "listed");
}
