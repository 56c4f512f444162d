import type { FunctionRuntimeConfig } from "./contract";
import type { MailFacts } from "./facts";
import { SES_SETUP_NOTIFICATION_ID, Verdicts } from "./ses-event";

/** Why a mail does not page. Each is a CloudWatch metric dimension value (keep the set small and stable). */
export type DropReason =
  | "MALFORMED_EVENT"
  | "SES_SETUP_NOTIFICATION"
  | "NOT_FOR_THIS_EVENT"
  | "VIRUS"
  | "SPAM"
  | "DMARC_FAIL"
  | "SPF_AND_DKIM_FAIL"
  | "AUTOMATED"
  | "SENDER_NOT_TRUSTED"
  | "UNVERIFIED_DROPPED"
  | "OUTSIDE_WINDOW_DROPPED";

export type PageReason = "TRUSTED_SENDER";
export type DecisionMarker = "UNVERIFIED" | "OUTSIDE_WINDOW";

export type Decision =
  | { readonly action: "drop"; readonly reason: DropReason; readonly detail: string }
  | { readonly action: "page"; readonly reason: PageReason; readonly detail: string; readonly markers: readonly DecisionMarker[]; readonly verified: boolean };

export interface DecisionInput {
  readonly facts: MailFacts;
  readonly verdicts: Verdicts;
  readonly envelope: {
    /** Envelope RCPT TO (lower-case). */
    readonly recipients: readonly string[];
    /** Envelope MAIL FROM ("" for the null sender). */
    readonly mailFrom: string;
    /** SES message id. */
    readonly messageId: string;
  };
  readonly config: FunctionRuntimeConfig;
  /** When SES received the mail: retries of the same event must decide the same way. */
  readonly receivedAt: Date;
}

const drop = (reason: DropReason, detail: string): Decision => ({ action: "drop", reason, detail });

const DAEMON_LOCAL_PARTS = new Set(["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"]);
const AUTOMATED_PRECEDENCE = new Set(["bulk", "junk", "list", "auto_reply"]);

function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "" : address.slice(at + 1).toLowerCase().replace(/\.$/, "");
}

function localPartOf(address: string): string {
  const at = address.lastIndexOf("@");
  return (at < 0 ? address : address.slice(0, at)).toLowerCase();
}

/**
 * Alignment as DMARC's relaxed mode intends, without a public-suffix list: equal, or one is a
 * subdomain of the other. Stricter than DMARC (siblings do not align), never looser.
 */
export function domainsAlign(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** The reason a mail is machine-generated (never page on it: loops, bounces, out-of-office), or undefined. */
export function automatedSignal(facts: MailFacts, mailFrom: string): string | undefined {
  if (facts.autoSubmitted && facts.autoSubmitted.split(";")[0]!.trim() !== "no") return `Auto-Submitted: ${facts.autoSubmitted}`;
  if (facts.xAutoreply !== undefined) return "X-Autoreply present";
  if (facts.xAutorespond !== undefined) return "X-Autorespond present";
  if (facts.precedence && AUTOMATED_PRECEDENCE.has(facts.precedence)) return `Precedence: ${facts.precedence}`;
  if (facts.listId !== undefined) return "List-Id present (mailing list)";
  if (facts.contentType === "multipart/report") return "multipart/report (delivery or read report)";
  const envelope = mailFrom.trim();
  if (envelope === "" || envelope === "<>") return "null envelope sender (bounce)";
  if (facts.returnPath !== undefined && facts.returnPath.replace(/\s/g, "") === "<>") return "null Return-Path (bounce)";
  if (DAEMON_LOCAL_PARTS.has(localPartOf(envelope.replace(/^<|>$/g, "")))) return "envelope sender is a mail daemon";
  if (facts.from.some((m) => DAEMON_LOCAL_PARTS.has(localPartOf(m.address)))) return "From is a mail daemon";
  return undefined;
}

/** Trust is on the From header mailboxes (what DMARC authenticates), never the display name; every From mailbox must be trusted. */
export function untrustedSender(facts: MailFacts, trusted: FunctionRuntimeConfig["trustedSenders"]): string | undefined {
  if (facts.from.length === 0) return "no From address";
  for (const m of facts.from) {
    const ok = trusted.addresses.includes(m.address) || trusted.domains.includes(domainOf(m.address));
    if (!ok) return `From ${m.address || "(empty)"} is not a trusted address or domain`;
  }
  return undefined;
}

/**
 * Whether SES authenticated the From domain: DMARC PASS, or (when DMARC is inconclusive, e.g. the
 * sender domain publishes no DMARC record) a passing SPF or DKIM whose domain aligns with From.
 */
export function fromAuthenticated(facts: MailFacts, verdicts: Verdicts, mailFrom: string): { verified: boolean; detail: string } {
  if (verdicts.dmarc === "PASS") return { verified: true, detail: "DMARC PASS" };
  const fromDomains = facts.from.map((m) => domainOf(m.address));
  const allAligned = (domains: readonly string[]) => fromDomains.length > 0 && fromDomains.every((f) => domains.some((d) => domainsAlign(d, f)));
  if (verdicts.spf === "PASS" && allAligned([domainOf(mailFrom.replace(/^<|>$/g, ""))])) return { verified: true, detail: "SPF PASS aligned with From" };
  if (verdicts.dkim === "PASS" && allAligned(facts.dkimDomains)) return { verified: true, detail: "DKIM PASS aligned with From" };
  return { verified: false, detail: `authentication inconclusive (SPF ${verdicts.spf}, DKIM ${verdicts.dkim}, DMARC ${verdicts.dmarc})` };
}

/**
 * Page or drop, and why. Pure: same input, same decision (retries of an SES event therefore
 * decide identically). Order matters: cheap SES facts first, loops before trust so a trusted
 * sender's out-of-office reply is reported as AUTOMATED.
 */
export function decide(input: DecisionInput): Decision {
  const { facts, verdicts, envelope, config } = input;
  if (envelope.messageId === SES_SETUP_NOTIFICATION_ID) return drop("SES_SETUP_NOTIFICATION", "SES setup notification");
  if (!envelope.recipients.some((r) => config.addresses.includes(r.toLowerCase()))) {
    return drop("NOT_FOR_THIS_EVENT", `envelope recipients do not include ${config.addresses.join(", ")}`);
  }
  if (verdicts.virus === "FAIL") return drop("VIRUS", "SES virus scan FAIL");
  if (verdicts.spam === "FAIL") return drop("SPAM", "SES spam verdict FAIL");
  if (verdicts.dmarc === "FAIL") return drop("DMARC_FAIL", "DMARC FAIL: the From domain is spoofed");
  if (verdicts.spf === "FAIL" && verdicts.dkim === "FAIL") return drop("SPF_AND_DKIM_FAIL", "SPF and DKIM both FAIL");
  const automated = automatedSignal(facts, envelope.mailFrom);
  if (automated) return drop("AUTOMATED", automated);
  const untrusted = untrustedSender(facts, config.trustedSenders);
  if (untrusted) return drop("SENDER_NOT_TRUSTED", untrusted);

  const markers: DecisionMarker[] = [];
  const auth = fromAuthenticated(facts, verdicts, envelope.mailFrom);
  if (!auth.verified) {
    if (config.policy.unverified === "drop") return drop("UNVERIFIED_DROPPED", auth.detail);
    markers.push("UNVERIFIED");
  }
  const t = input.receivedAt.getTime();
  const inWindow = t >= Date.parse(config.window.start) && t < Date.parse(config.window.end);
  if (!inWindow) {
    if (config.policy.outsideWindow === "drop") return drop("OUTSIDE_WINDOW_DROPPED", `received ${input.receivedAt.toISOString()} outside the event window`);
    markers.push("OUTSIDE_WINDOW");
  }
  return { action: "page", reason: "TRUSTED_SENDER", detail: auth.detail, markers, verified: auth.verified };
}
