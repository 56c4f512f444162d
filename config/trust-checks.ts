import type { EventFileConfig } from "./schema";

/** A problem at a config path, located by the loader. */
export interface TrustProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly example?: string;
}

const bare = (v: string) => v.toLowerCase().replace(/\.+$/, "");
const domainOf = (address: string) => bare(address.slice(address.lastIndexOf("@") + 1));

/**
 * Cross-field rules of `trustedSenders.relays` (the schema checks each field): a relay is a
 * forwarder, not a sender. Its own address or domain on the trusted list would let anyone who can
 * post to the group page; on the mail domain it would loop.
 */
export function relayProblems(e: Pick<EventFileConfig, "trustedSenders">, mailDomain: string | undefined): TrustProblem[] {
  const out: TrustProblem[] = [];
  const seen = new Set<string>();
  const addresses = e.trustedSenders.addresses.map(bare);
  e.trustedSenders.relays.forEach((r, i) => {
    const address = bare(r.address);
    const domain = domainOf(address);
    const at = ["trustedSenders", "relays", i, "address"];
    if (seen.has(address)) out.push({ path: at, message: `relay ${address} is declared twice` });
    seen.add(address);
    if (mailDomain && (domain === mailDomain || domain.endsWith(`.${mailDomain}`))) {
      out.push({ path: at, message: `must not be on the mail domain ${mailDomain}: the relay forwards to it, so mail would loop`, example: "address: emergency@platform.example" });
    }
    if (addresses.includes(address)) {
      out.push({ path: at, message: `${address} is also a trusted address: remove it there, a relay's original senders are trusted, not the relay (anyone who can post to it could page)` });
    }
    const trustedDomain = e.trustedSenders.domains.find((d) => bare(d) === domain || (d.startsWith("*.") && domain.endsWith(bare(d).slice(1))));
    if (trustedDomain) {
      out.push({ path: at, message: `the relay's domain ${domain} is a trusted domain (${trustedDomain}): anyone who can post to the group could page; trust the customers' own addresses or domains instead` });
    }
  });
  return out;
}
