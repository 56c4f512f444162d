import type { AuthResults } from "./ses-auth-results";
import { dkimClauseDomain } from "./ses-auth-results";
import type { Verdicts } from "./ses-event-reader";
import { domainOf, normalizeDomain } from "./sender-identity";

/**
 * What SES established about one From domain. `verified`: SES authenticated exactly this domain.
 * `evaluatedOther`: SES's DMARC evaluated a different From domain than the one both our parsers
 * read, i.e. the parsers disagree with SES: the mail must not be trusted on this From.
 */
export interface DomainAuthentication {
  readonly verified: boolean;
  readonly method?: "dmarc" | "dkim" | "spf";
  readonly evaluatedOther?: string;
  readonly detail: string;
}

/**
 * Alignment in DMARC's relaxed spirit without a public-suffix list: equal, or one is a subdomain
 * of the other. Stricter than DMARC for siblings (a.example vs b.example do not align), never looser.
 */
export function domainsAlign(a: string, b: string): boolean {
  const x = normalizeDomain(a);
  const y = normalizeDomain(b);
  if (!x || !y) return false;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/** The domain of a DKIM signature SES verified (dkim=pass in its results, receipt DKIM PASS) that aligns with `domain`. */
export function dkimVouchedDomain(domain: string, ses: AuthResults | undefined, verdicts: Verdicts, dkimSignatures: number): string | undefined {
  if (!ses || verdicts.dkim !== "PASS") return undefined;
  // SES writes one dkim clause per DKIM-Signature of the mail: more clauses than signatures means
  // sender-controlled text (an envelope sender, a HELO name) was read as a clause: believe none.
  const dkim = ses.clauses.filter((c) => c.method === "dkim");
  if (dkim.length > dkimSignatures) return undefined;
  const clause = dkim.find((c) => c.result === "pass" && domainsAlign(dkimClauseDomain(c), domain));
  return clause ? dkimClauseDomain(clause) : undefined;
}

/**
 * Whether SES authenticated `domain` (the From domain both parsers agree on), from SES's own
 * Authentication-Results (never the sender's) cross-checked with the receipt verdicts of the event:
 * 1. SES's dmarc clause passes with `header.from` = domain (and the receipt says DMARC PASS);
 * 2. when SES reports no DMARC result (no record, `none`, temperror), a passing dkim clause whose
 *    `header.d`/`header.i` aligns with domain (and the receipt says DKIM PASS): only signatures SES
 *    verified count, never a DKIM-Signature header the sender wrote;
 * 3. or SPF passes (receipt SPF PASS and SES's spf clause pass) for an envelope sender aligned with domain.
 * A dmarc clause for another `header.from` means SES read the From differently: `evaluatedOther`.
 */
export function authenticateDomain(domain: string, ses: AuthResults | undefined, verdicts: Verdicts, envelopeFrom: string, dkimSignatures: number): DomainAuthentication {
  if (!ses) return { verified: false, detail: "no Authentication-Results from amazonses.com on top of the mail" };
  if (ses.malformed) return { verified: false, detail: "SES's Authentication-Results has an unterminated quoted string or comment: not believed" };
  if (ses.clauses.filter((c) => c.method === "spf").length > 1) return { verified: false, detail: "SES's results hold several spf clauses: not believed" };
  // SES writes one dmarc clause. Two mean text SES copied from the sender (an envelope sender, a
  // signature tag) was read as a clause: believe none of them.
  const dmarcClauses = ses.clauses.filter((c) => c.method === "dmarc");
  if (dmarcClauses.length > 1) return { verified: false, detail: `SES's results hold ${dmarcClauses.length} dmarc clauses: not believed` };
  const dmarc = dmarcClauses[0];
  const headerFrom = dmarc?.props["header.from"] ? normalizeDomain(dmarc.props["header.from"]) : undefined;
  if (dmarc && headerFrom && headerFrom !== domain) {
    return { verified: false, evaluatedOther: headerFrom, detail: `SES evaluated DMARC for ${headerFrom}, not for the From domain ${domain}` };
  }
  if (dmarc?.result === "pass" && headerFrom === domain && verdicts.dmarc === "PASS") return { verified: true, method: "dmarc", detail: `DMARC pass for ${domain}` };
  if (dmarc?.result === "fail" || verdicts.dmarc === "FAIL") return { verified: false, detail: `DMARC fail for ${domain}` };
  const dkim = dkimVouchedDomain(domain, ses, verdicts, dkimSignatures);
  if (dkim) return { verified: true, method: "dkim", detail: `DKIM pass for ${dkim}, aligned with ${domain} (no DMARC result)` };
  const spf = ses.clauses.find((c) => c.method === "spf");
  const envelopeDomain = domainOf(envelopeFrom.replace(/^<|>$/g, ""));
  if (spf?.result === "pass" && verdicts.spf === "PASS" && envelopeDomain && domainsAlign(envelopeDomain, domain)) {
    return { verified: true, method: "spf", detail: `SPF pass for ${envelopeDomain}, aligned with ${domain} (no DMARC result)` };
  }
  const said = (m: string) => ses.clauses.filter((c) => c.method === m).map((c) => c.result).join("/") || "absent";
  return {
    verified: false,
    detail: `SES did not authenticate ${domain}: dmarc ${said("dmarc")}, dkim ${said("dkim")} with no aligned pass, spf ${said("spf")}${envelopeDomain && !domainsAlign(envelopeDomain, domain) ? ` for ${envelopeDomain}` : ""}`,
  };
}
