import type { AuthStatus } from "../../functions/mail-to-alert/contract";
import { firstHeader, splitHeaderSection } from "../../functions/mail-to-alert/headers";
import { sesAuthResults } from "../../functions/mail-to-alert/ses-auth-results";

export type Verdicts = Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", AuthStatus>;

/** RFC 8601 result words -> SES verdict statuses. */
function status(word: string | undefined): AuthStatus {
  switch ((word ?? "").toLowerCase()) {
    case "pass":
      return "PASS";
    case "fail":
      return "FAIL";
    case "temperror":
    case "permerror":
      return "PROCESSING_FAILED";
    default:
      return "GRAY"; // softfail, neutral, none, policy, or missing: not verified
  }
}

/**
 * The SES verdicts of a stored mail, recovered from the headers SES put on top of the copy it wrote
 * to S3. A replay must judge the mail as it was judged on arrival: what cannot be found is GRAY
 * (unverified), never PASS, so a replay cannot launder a spoofed mail. Only the TOPMOST
 * Authentication-Results counts, and only when stamped by amazonses.com (a sender can write any
 * Authentication-Results below it). DKIM is PASS when SES reports any passing signature.
 */
export function verdictsFromStoredMail(raw: Uint8Array): Verdicts {
  const headers = splitHeaderSection(raw);
  const results = sesAuthResults(headers);
  const clauses = (m: string) => results?.clauses.filter((c) => c.method === m) ?? [];
  const dkim = clauses("dkim");
  const ses = (h: string) => {
    const v = firstHeader(headers, h)?.trim().toUpperCase();
    return results && (v === "PASS" || v === "FAIL" || v === "GRAY" || v === "PROCESSING_FAILED") ? v : "GRAY";
  };
  return {
    spf: status(clauses("spf")[0]?.result),
    dkim: dkim.some((c) => c.result === "pass") ? "PASS" : status(dkim[0]?.result),
    dmarc: status(clauses("dmarc")[0]?.result),
    spam: ses("x-ses-spam-verdict"),
    virus: ses("x-ses-virus-verdict"),
  };
}
