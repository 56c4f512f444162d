/**
 * Senders trusted by two customers of one line (issue 13): the function could not say whose mail
 * it is, so the construct (and the YAML loader, naming both files) refuses it. Two entries overlap
 * when one sender matches both: the same address, an address on the other's domain, the same
 * domain, or a domain covered by the other's `*.d` (wildcards among themselves too). Checked with
 * maps and the parents of each domain, so 500 customers cost milliseconds, not a pairwise scan.
 */

/** One entry of a customer's trusted senders, with where it is written. */
export interface TrustedEntry {
  /** Index of the customer in the list it came from. */
  readonly owner: number;
  readonly kind: "addresses" | "domains";
  readonly index: number;
  /** Lower-case, no root dot. */
  readonly value: string;
}

export interface Overlap {
  /** The entry found second. */
  readonly entry: TrustedEntry;
  /** The earlier entry of another customer that trusts the same sender. */
  readonly other: TrustedEntry;
  /** A sender both entries trust, in words. */
  readonly sender: string;
}

const parentsOf = (domain: string) => {
  const out: string[] = [];
  for (let i = domain.indexOf("."); i >= 0; i = domain.indexOf(".", i + 1)) out.push(domain.slice(i + 1));
  return out;
};

/**
 * The entries of different owners that trust a common sender, each pair once. Wildcards are
 * compared first, shortest base first (so `*.a` is known before `*.b.a`), then domains, then
 * addresses, each against everything of the kinds before it and of its own kind.
 */
export function findOverlaps(entries: readonly TrustedEntry[]): Overlap[] {
  const addresses = new Map<string, TrustedEntry>();
  const domains = new Map<string, TrustedEntry>();
  const wildcards = new Map<string, TrustedEntry>();
  const found: Overlap[] = [];
  const report = (entry: TrustedEntry, other: TrustedEntry | undefined, sender: string) => {
    if (other && other.owner !== entry.owner) found.push({ entry, other, sender });
  };
  const isWildcard = (e: TrustedEntry) => e.kind === "domains" && e.value.startsWith("*.");
  const wild = entries.filter(isWildcard).sort((a, b) => a.value.length - b.value.length);
  for (const e of wild) {
    const base = e.value.slice(2);
    const sender = `any sender at a subdomain of ${base}`;
    report(e, wildcards.get(base), sender);
    for (const p of parentsOf(base)) report(e, wildcards.get(p), sender);
    if (!wildcards.has(base)) wildcards.set(base, e);
  }
  for (const e of entries) {
    if (e.kind !== "domains" || isWildcard(e)) continue;
    const sender = `any sender at ${e.value}`;
    report(e, domains.get(e.value), sender);
    for (const p of parentsOf(e.value)) report(e, wildcards.get(p), sender);
    if (!domains.has(e.value)) domains.set(e.value, e);
  }
  for (const e of entries) {
    if (e.kind !== "addresses") continue;
    const domain = e.value.slice(e.value.lastIndexOf("@") + 1);
    report(e, addresses.get(e.value), e.value);
    report(e, domains.get(domain), e.value);
    for (const p of parentsOf(domain)) report(e, wildcards.get(p), e.value);
    if (!addresses.has(e.value)) addresses.set(e.value, e);
  }
  return found;
}
