import type { TrustedSenders } from "./contract";
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

/**
 * Mail services anyone can sign up to: a listed `cto.acme@gmail.com` names one person, not an
 * organisation, so its domain makes nobody a colleague (found in review: every authenticated
 * gmail.com user would have reached the notify lane).
 */
const SHARED_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com",
  "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru",
  "mail.ru", "qq.com", "163.com", "126.com", "fastmail.com", "tutanota.com", "hey.com", "orange.fr", "free.fr", "laposte.net", "t-online.de",
]);

/** Organisation domains of the list: the domains of listed addresses (not shared mail services) and of listed domain patterns. */
function organisationDomains(trusted: TrustedSenders): string[] {
  const fromAddresses = trusted.addresses.map(domainOf).filter((d) => !SHARED_MAIL_DOMAINS.has(d));
  return [...fromAddresses, ...trusted.domains.map((p) => normalizeDomain(p).replace(/^\*\./, ""))].filter(Boolean);
}

export function trustOf(address: string, trusted: TrustedSenders): TrustMatch {
  const a = normalizeAddress(address);
  const domain = domainOf(a);
  if (!domain) return "stranger";
  if (trusted.addresses.some((t) => normalizeAddress(t) === a) || trusted.domains.some((p) => domainMatches(domain, p))) return "listed";
  if (organisationDomains(trusted).some((o) => domain === o || domain.endsWith(`.${o}`))) return "colleague";
  return "stranger";
}

/** Whether any of the addresses names a listed sender: drops of such mail are counted and alarm. */
export function claimsTrusted(addresses: readonly string[], trusted: TrustedSenders): boolean {
  return addresses.some((a) => trustOf(a, trusted) === "listed");
}
