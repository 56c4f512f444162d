import type { MailFacts } from "./mail-facts";
import { withoutComments } from "./headers";
import { normalizeAddress } from "./sender-identity";

/**
 * A sign that a mail was written by a machine. `sure` signs never page and never get a reply
 * (loops, bounces, out-of-office). Doubtful signs (bulk-mail headers, an auto-reply-looking
 * subject) are not enough to drop a human's mail: from a trusted sender they go to the notify lane.
 */
export interface AutomatedSignal {
  readonly sure: boolean;
  readonly detail: string;
}

const DAEMON_LOCAL_PARTS = new Set(["mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"]);
const REPORT_PART_TYPES = new Set(["message/delivery-status", "message/global-delivery-status", "message/disposition-notification", "message/global-disposition-notification", "message/feedback-report"]);
/** Subjects of auto-replies in the languages our customers write (Outlook/Exchange, Gmail, Apple). */
// Whole phrases only: a bare word such as "Absence" starts real incident subjects ("Absence de commandes").
const AUTO_REPLY_SUBJECT = /^\s*(?:automatic reply|auto(?:matic)?[- ]?reply|out of (?:the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|risposta automatica|autoreply)\b/i;

/** First token of a header value with comments and parameters removed, lower-cased: `junk (x)` -> `junk`. */
export function headerToken(value: string): string {
  return withoutComments(value)
    .split(/[;\s]+/)
    .filter(Boolean)[0]
    ?.toLowerCase() ?? "";
}

const localPartOf = (address: string) => {
  const a = normalizeAddress(address.replace(/^<|>$/g, ""));
  const at = a.lastIndexOf("@");
  return at < 0 ? a : a.slice(0, at);
};

/**
 * Headers that say "relayed by a list or group", not "automated": a human's mail through a
 * Google group carries them (`Precedence: list`, `List-Id`, `Mailing-list`, `X-Google-Group-Id`).
 */
export function relaySignal(facts: MailFacts): string | undefined {
  if (facts.listId !== undefined) return `List-Id ${facts.listId.trim()}`;
  if (facts.listPost !== undefined) return `List-Post ${facts.listPost.trim()}`;
  if (facts.present.has("mailing-list")) return "Mailing-list header";
  if (facts.present.has("x-google-group-id")) return "X-Google-Group-Id header";
  if (facts.precedence.some((p) => headerToken(p) === "list")) return "Precedence: list";
  return undefined;
}

export function automatedSignal(facts: MailFacts, mailFrom: string): AutomatedSignal | undefined {
  const sure = (detail: string): AutomatedSignal => ({ sure: true, detail });
  const doubtful = (detail: string): AutomatedSignal => ({ sure: false, detail });
  // Every occurrence counts: a second `Auto-Submitted: auto-replied` after `no` is still automatic.
  const autoSubmitted = facts.autoSubmitted.find((v) => headerToken(v) !== "no");
  if (autoSubmitted !== undefined) return sure(`Auto-Submitted: ${autoSubmitted.trim()}`);
  if (facts.present.has("x-autoreply")) return sure("X-Autoreply present");
  if (facts.present.has("x-autorespond")) return sure("X-Autorespond present");
  const precedence = facts.precedence.map(headerToken);
  const machinePrecedence = precedence.find((p) => p === "junk" || p === "auto_reply");
  if (machinePrecedence) return sure(`Precedence: ${machinePrecedence}`);
  if (facts.contentType === "multipart/report") return sure("multipart/report (delivery or read report)");
  const reportPart = facts.partTypes.find((t) => REPORT_PART_TYPES.has(t));
  if (reportPart) return sure(`${reportPart} part (delivery or read report)`);
  const envelope = mailFrom.trim();
  if (envelope === "" || envelope === "<>") return sure("null envelope sender (bounce)");
  if (facts.returnPath !== undefined && facts.returnPath.replace(/\s/g, "") === "<>") return sure("null Return-Path (bounce)");
  if (DAEMON_LOCAL_PARTS.has(localPartOf(envelope))) return sure("envelope sender is a mail daemon");
  if (facts.fromCandidates.some((a) => DAEMON_LOCAL_PARTS.has(localPartOf(a)))) return sure("From is a mail daemon");
  const autoReplySubject = AUTO_REPLY_SUBJECT.test(facts.subject);
  const suppress = facts.xAutoResponseSuppress;
  // Exchange marks its out-of-office replies with X-Auto-Response-Suppress and an "Automatic reply:" subject.
  if (suppress !== undefined && autoReplySubject) return sure(`X-Auto-Response-Suppress: ${suppress.trim()} with an auto-reply subject`);
  if (suppress !== undefined) return doubtful(`X-Auto-Response-Suppress: ${suppress.trim()} (Exchange sets it on automatic mail)`);
  if (precedence.includes("bulk")) return doubtful("Precedence: bulk");
  // Bulk-mail services stamp it (SES stamps every mail it sends): a doubtful sign, never a drop.
  if (facts.present.has("feedback-id")) return doubtful("Feedback-ID (bulk mail service)");
  if (facts.present.has("list-unsubscribe-post")) return doubtful("List-Unsubscribe-Post (one-click unsubscribe of bulk mail)");
  if (facts.present.has("list-unsubscribe") && relaySignal(facts) === undefined) return doubtful("List-Unsubscribe without a list (newsletter)");
  if (autoReplySubject) return doubtful("auto-reply subject");
  return undefined;
}
