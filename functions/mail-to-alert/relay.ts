import { domainsAlign } from "./authentication";
import type { RelayConfig, TrustedSenders } from "./contract";
import type { MailFacts } from "./mail-facts";
import type { AuthResults } from "./ses-auth-results";
import { dkimClauseDomain } from "./ses-auth-results";
import { fromIdentity, Mailbox, normalizeAddress, normalizeDomain } from "./sender-identity";

/**
 * What an ARC verifier (RFC 8617) found in the raw mail: the chain's validity, the sealer of its
 * newest set (d= of the highest-instance ARC-Seal) and that set's ARC-Authentication-Results, i.e.
 * what the sealer itself saw when the mail reached it.
 */
export interface ArcVerdict {
  /** "pass": every seal and the newest message signature verified. "none": no chain. */
  readonly status: "pass" | "fail" | "none";
  readonly instance?: number;
  readonly sealer?: string;
  /** The newest set's ARC-Authentication-Results (authserv-id = the sealer's receiving host). */
  readonly results?: AuthResults;
  readonly detail: string;
}

/**
 * Port: verifies the ARC chain of a raw mail for the declared `sealer`. Only the sealer's keys are
 * looked up; DNS trouble for them must throw (the mail is retried, never judged on it).
 */
export interface ArcVerifier {
  verify(raw: Uint8Array, sealer: string): Promise<ArcVerdict>;
}

/** How the mail names a declared relay: it rewrote From to its own address, or it is its list (List-Post). */
export interface RelayMatch {
  readonly relay: RelayConfig;
  readonly via: "from" | "list-post";
}

/** The address of a `List-Post: <mailto:...>`; a malformed percent escape is no address (never a throw: any stranger writes this header). */
const listPostAddress = (value: string | undefined): string | undefined => {
  const m = /<mailto:([^>?]{1,320})[^>]*>/i.exec((value ?? "").slice(0, 2000));
  if (!m) return undefined;
  try {
    return normalizeAddress(decodeURIComponent(m[1]!));
  } catch {
    return undefined;
  }
};

/** The declared relay this mail came through, if any (from headers only; the ARC check comes later). */
export function relayOf(facts: MailFacts, trusted: TrustedSenders): RelayMatch | undefined {
  if (trusted.relays.length === 0) return undefined;
  if (facts.identity.ok) {
    const from = facts.identity.mailbox.address;
    const relay = trusted.relays.find((r) => normalizeAddress(r.address) === from);
    if (relay) return { relay, via: "from" };
  }
  const post = listPostAddress(facts.listPost);
  const relay = post ? trusted.relays.find((r) => normalizeAddress(r.address) === post) : undefined;
  return relay ? { relay, via: "list-post" } : undefined;
}

export type RelayOutcome =
  | { readonly ok: true; readonly sender: Mailbox; readonly domain: string; readonly detail: string }
  | { readonly ok: false; readonly detail: string; readonly claimed: readonly string[] };

/** The one mailbox of a header, read identically by both parsers, or undefined. */
function singleMailbox(value: string | undefined): { mailbox: Mailbox; domain: string } | undefined {
  if (value === undefined) return undefined;
  const id = fromIdentity([value]);
  return id.ok ? { mailbox: id.mailbox, domain: id.domain } : undefined;
}

/**
 * The original sender of a relayed mail, recovered only from what the declared sealer vouched for:
 * the ARC chain must validate, its newest seal must be the declared sealer's, and that seal's
 * ARC-Authentication-Results must show the original domain authenticated (dmarc=pass with
 * header.from = the domain, or, without a DMARC result, an aligned dkim=pass). The original
 * mailbox is X-Original-Sender, else Reply-To (the relay rewrote From), or From itself (a list
 * that kept From); its domain must be the one the sealer authenticated.
 */
export function originalSender(facts: MailFacts, match: RelayMatch, arc: ArcVerdict | undefined): RelayOutcome {
  // A relay writes one X-Original-Sender; a second one was written by the sender: believe neither.
  const xOriginal = facts.xOriginalSender.length === 1 ? singleMailbox(facts.xOriginalSender[0]) : undefined;
  const rewritten = facts.xOriginalSender.length > 1 ? undefined : (xOriginal ?? singleMailbox(facts.replyTo));
  const claimedOriginal = match.via === "from" ? rewritten : facts.identity.ok ? { mailbox: facts.identity.mailbox, domain: facts.identity.domain } : undefined;
  const claimed = claimedOriginal ? [claimedOriginal.mailbox.address] : [];
  const fail = (detail: string): RelayOutcome => ({ ok: false, detail: `relay ${match.relay.address}: ${detail}`, claimed });
  if (!arc) return fail("the ARC chain was not verified");
  if (arc.status !== "pass") return fail(`ARC chain ${arc.status}: ${arc.detail}`);
  const sealer = normalizeDomain(arc.sealer ?? "");
  if (sealer !== normalizeDomain(match.relay.sealer)) return fail(`newest ARC seal is by ${sealer || "nobody"}, not the declared sealer ${match.relay.sealer}`);
  if (!claimedOriginal) return fail(facts.xOriginalSender.length > 1 ? `${facts.xOriginalSender.length} X-Original-Sender headers: not believed` : "no single original sender in X-Original-Sender or Reply-To");
  const domain = claimedOriginal.domain;
  const results = arc.results;
  if (!results) return fail(`the seal of ${sealer} carries no ARC-Authentication-Results`);
  const dmarcClauses = results.clauses.filter((c) => c.method === "dmarc");
  if (dmarcClauses.length > 1) return fail(`the seal of ${sealer} holds ${dmarcClauses.length} dmarc results: not believed`);
  const dmarc = dmarcClauses[0];
  const headerFrom = dmarc?.props["header.from"] ? normalizeDomain(dmarc.props["header.from"]) : undefined;
  const where = `ARC i=${arc.instance ?? "?"} sealed by ${sealer} (${results.authservId})`;
  if (dmarc && headerFrom && headerFrom !== domain) return fail(`${where} authenticated ${headerFrom}, not ${domain} of ${claimedOriginal.mailbox.address}`);
  if (dmarc?.result === "pass" && headerFrom === domain) return { ok: true, sender: claimedOriginal.mailbox, domain, detail: `${where}: dmarc=pass header.from=${domain}` };
  if (dmarc?.result === "fail") return fail(`${where}: dmarc=fail for ${domain}`);
  const dkimClauses = results.clauses.filter((c) => c.method === "dkim");
  const dkim = dkimClauses.length <= facts.dkimSignatures ? dkimClauses.find((c) => c.result === "pass" && domainsAlign(dkimClauseDomain(c), domain)) : undefined;
  if (dkim) return { ok: true, sender: claimedOriginal.mailbox, domain, detail: `${where}: dkim=pass for ${dkimClauseDomain(dkim)} aligned with ${domain}` };
  return fail(`${where} did not authenticate ${domain}`);
}
