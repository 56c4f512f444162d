import type { AuthStatus } from "../../functions/mail-to-alert/contract";

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

/** Unfolded header values by lower-case name, from the header section of a raw mail. */
function headerValues(raw: Uint8Array, name: string): string[] {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, 256 * 1024))).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const unfolded = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, " ");
  return unfolded
    .split(/\r?\n/)
    .filter((l) => l.toLowerCase().startsWith(`${name}:`))
    .map((l) => l.slice(name.length + 1).trim());
}

/**
 * The SES verdicts of a stored mail, recovered from the headers SES adds to the copy it writes to
 * S3 (`Authentication-Results: amazonses.com; spf=...; dkim=...; dmarc=...`, `X-SES-Spam-Verdict`,
 * `X-SES-Virus-Verdict`). A replay must judge the mail as it was judged on arrival: what cannot be
 * found is GRAY (unverified), never PASS, so a replay cannot launder a spoofed mail.
 * Only results stamped by `amazonses.com` count: a sender can write any Authentication-Results.
 */
export function verdictsFromStoredMail(raw: Uint8Array): Verdicts {
  const results = headerValues(raw, "authentication-results").find((v) => /^amazonses\.com\s*;/i.test(v)) ?? "";
  const method = (m: string) => new RegExp(`(?:^|;)\\s*${m}=([a-z]+)`, "i").exec(results)?.[1];
  const ses = (h: string) => {
    const v = headerValues(raw, h)[0]?.toUpperCase();
    return v === "PASS" || v === "FAIL" || v === "GRAY" || v === "PROCESSING_FAILED" ? v : "GRAY";
  };
  return { spf: status(method("spf")), dkim: status(method("dkim")), dmarc: status(method("dmarc")), spam: ses("x-ses-spam-verdict"), virus: ses("x-ses-virus-verdict") };
}
