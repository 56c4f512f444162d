import type { BodyText } from "./body";
import type { AlertPayload, CustomerConfig, FunctionRuntimeConfig } from "./contract";
import type { CustomerMatch } from "./customer-identification";
import type { AlertDecision } from "./decide";
import type { Mailbox } from "./mail-facts";
import { stripInvisible } from "./invisible";
import { MARKER_NOTES } from "./marker-notes";
import type { AttachmentSummary } from "./parse";
import type { Verdicts } from "./ses-event-reader";

export type Marker = AlertPayload["markers"][number];

export const NO_SUBJECT = "(no subject)";
const TITLE_SUBJECT_MAX = 160;
/**
 * Line between the customer's words and the header block in `message`. The OnCall templates
 * (stacks/oncall/templates.ts) find the header block by it: change both together.
 */
export const DETAILS_HEADING = "-- mail details --";
/** Body placeholders; the spoken-title template skips them (stacks/oncall/templates.ts). */
export const EMPTY_BODY = "(empty body)";
export const BODY_UNAVAILABLE = "(body unavailable: the mail could not be parsed)";

export interface RenderInput {
  readonly config: FunctionRuntimeConfig;
  readonly decision: AlertDecision;
  readonly parseFailed: boolean;
  /**
   * The thread headers can be believed (one each): only then may a page resolve its thread.
   * @default true
   */
  readonly threadTrusted?: boolean;
  readonly subject: string;
  readonly from: Mailbox;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly recipients: readonly string[];
  /** ISO-8601. */
  readonly date: string;
  readonly messageId: string;
  readonly attachments: readonly AttachmentSummary[];
  readonly body: BodyText;
  readonly verdicts: Verdicts;
  readonly alertUid: string;
  readonly rawMailUrl: string;
}

const REPLY_PREFIX = /^\s*(?:(?:re|aw|sv|antw|fwd?|wg|fw|tr)\s*(?:\[\d+\])?\s*:\s*)*/i;

/** A sender resolves its thread with a subject starting "[resolved]" or "resolved:" (after Re:/Fwd:). */
export function stateFromSubject(subject: string): "alerting" | "ok" {
  return /^(?:\[resolved\]|resolved\s*:)/i.test(subject.replace(REPLY_PREFIX, "")) ? "ok" : "alerting";
}

export function oneLine(s: string): string {
  return stripInvisible(s).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200d\ufeff]+/g, " ").replace(/\s+/g, " ").trim();
}

/** `s` cut to `max` UTF-16 units with "…", never splitting a surrogate pair (half an emoji is no character, and 6 bytes of JSON). */
export function ellipsis(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end).trimEnd()}…`;
}

export function senderLabel(from: Mailbox): string {
  const name = oneLine(from.name);
  if (name && from.address) return `${name} <${from.address}>`;
  return from.address || name || "unknown sender";
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Building an Intl.DateTimeFormat costs about 0.1 ms; one per zone is kept for the function's life.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function localTime(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  if (!f) return "";
  try {
    return `${f.format(new Date(iso))} ${timeZone}`;
  } catch {
    return "";
  }
}

/**
 * The first words of a body (at most `maxWords` and about `maxChars`, "…" when cut): a title for a
 * mail without subject. A salutation line ("Hi team,") is skipped: it says nothing about the issue.
 */
export function firstWords(text: string, maxWords = 10, maxChars = 60): string {
  const lines = text.slice(0, 1000).split("\n").filter((l) => l.trim() !== "");
  if (lines.length > 1 && /^[^.!?:]{1,40},$/.test(lines[0]!.trim())) lines.shift();
  const words = oneLine(lines.join(" ")).split(" ").filter(Boolean);
  let line = "";
  let n = 0;
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (n === maxWords || (line && next.length > maxChars)) break;
    line = next;
    n++;
  }
  if (line.length > maxChars) return ellipsis(line, maxChars); // one very long word
  return n < words.length ? `${line}…` : line;
}

/** `bodyText` stands in for an empty subject (its first words), so the title still says what is wrong. */
export function renderTitle(subject: string, from: Mailbox, customer: string, markers: readonly Marker[], bodyText = ""): string {
  const prefix = markers
    .filter((m) => m === "NOTIFY" || m === "UNVERIFIED" || m === "OUTSIDE_WINDOW")
    .map((m) => `[${m.replace("_", " ")}] `)
    .join("");
  const s = oneLine(subject) || firstWords(bodyText) || NO_SUBJECT;
  const who = oneLine(from.name) || from.address || "unknown sender";
  return `${prefix}${ellipsis(s, TITLE_SUBJECT_MAX)} — ${who} (${oneLine(customer)})`;
}

/** Every marker has its note (the type checker says which one is missing). */
const NOTES: Readonly<Record<Marker, string>> = MARKER_NOTES;

function dateLine(iso: string, timeZone: string): string {
  const local = localTime(iso, timeZone);
  return `Date: ${iso}${local ? ` (${local})` : ""}`;
}

function authLine(v: Verdicts): string {
  return `SPF ${v.spf} · DKIM ${v.dkim} · DMARC ${v.dmarc} · spam ${v.spam} · virus ${v.virus}`;
}

/*
 * Header-block lines built from payload fields alone, so fit.ts rebuilds exactly the line render
 * wrote when it shortens a list or a name. `total` is the length before shortening: the line then
 * ends with "… and N more <noun>".
 */
const more = (shown: number, total: number, noun: string) => (total > shown ? ` … and ${(total - shown).toLocaleString("en-US")} more ${noun}` : "");

export const EVENT_LINE_PREFIX = "Emergency mail for ";
export function eventLine(event: { readonly title: string; readonly customer: string }, recipients: readonly string[], total = recipients.length): string {
  return `${EVENT_LINE_PREFIX}${oneLine(event.title)} (${oneLine(event.customer)}) to ${recipients.join(", ")}${more(recipients.length, total, "recipients")}`;
}
export const fromLine = (from: Mailbox) => `From: ${senderLabel(from)}`;
export const CUSTOMER_LINE_PREFIX = "Customer: ";
/** Who the customer is and how the function knew (its sender's address, domain, ..., or the alias written to). */
export function customerLine(match: CustomerMatch | undefined): string | undefined {
  if (!match) return undefined;
  const c = match.customer;
  return `${CUSTOMER_LINE_PREFIX}${oneLine(c.name)} (${c.slug}, tier ${oneLine(c.tier)}; recognised by ${MATCH_WORDS[match.by]})`;
}
const MATCH_WORDS: Readonly<Record<CustomerMatch["by"], string>> = {
  address: "its trusted address",
  domain: "its trusted domain",
  wildcard: "its trusted subdomains",
  relay: "its relay",
  colleague: "its organisation's domain (not a listed sender)",
  alias: "the alias written to",
};
/** The customer's notes for responders, one line each. */
export function notesLines(c: CustomerConfig | undefined): string[] {
  if (!c) return [];
  const n = c.notes;
  return [
    n.accountManager && `Account manager: ${oneLine(n.accountManager)}`,
    n.runbook && `Runbook: ${oneLine(n.runbook)}`,
    n.sla && `SLA: ${oneLine(n.sla)}`,
    n.text && `Notes: ${oneLine(n.text)}`,
  ].filter((l): l is string => !!l);
}
export function toLine(label: "To" | "Cc", list: readonly string[], total = list.length): string | undefined {
  return total ? `${label}: ${list.join(", ")}${more(list.length, total, label === "To" ? "To addresses" : "Cc addresses")}` : undefined;
}
export const subjectLine = (subject: string) => `Subject: ${subject || NO_SUBJECT}`;
export const ATTACHMENTS_LINE_PREFIX = "Attachments (";
export function attachmentsLine(attachments: readonly AttachmentSummary[], total = attachments.length): string | undefined {
  if (!total) return undefined;
  return `${ATTACHMENTS_LINE_PREFIX}${total}): ${attachments.map((a) => `${oneLine(a.filename)} (${a.content_type}, ${formatSize(a.size)})`).join("; ")}${more(attachments.length, total, "attachments")}`;
}
export const DECISION_LINE_PREFIX = "Decision: ";
export const RAW_MAIL_LINE_PREFIX = "Raw mail (AWS sign-in): ";
export const rawMailLine = (url: string) => `${RAW_MAIL_LINE_PREFIX}${url}`;

function payloadNotes(c: CustomerConfig): NonNullable<AlertPayload["notes"]> {
  const n = c.notes;
  return {
    ...(n.accountManager ? { account_manager: oneLine(n.accountManager) } : {}),
    ...(n.runbook ? { runbook: oneLine(n.runbook) } : {}),
    ...(n.sla ? { sla: oneLine(n.sla) } : {}),
    ...(n.text ? { text: oneLine(n.text) } : {}),
  };
}

/** The alert as posted to OnCall. Pure: everything it shows comes from its input. */
export function renderAlert(input: RenderInput): AlertPayload {
  const { config, body } = input;
  const markers: Marker[] = [...input.decision.markers];
  if (input.parseFailed) markers.push("PARSE_FAILED");
  if (body.truncated) markers.push("TRUNCATED");
  if (body.renderFallback) markers.push("RENDER_FALLBACK");
  const subject = oneLine(input.subject);
  const match = input.decision.customer;
  const customer = match?.customer;
  const header = [
    eventLine(config, input.recipients),
    customerLine(match),
    ...notesLines(customer),
    fromLine(input.from),
    toLine("To", input.to),
    toLine("Cc", input.cc),
    dateLine(input.date, config.window.timeZone),
    subjectLine(subject),
    attachmentsLine(input.attachments),
    `Authentication: ${authLine(input.verdicts)}`,
    `${DECISION_LINE_PREFIX}${input.decision.action} (${input.decision.reason}): ${oneLine(input.decision.detail)}`,
    ...markers.map((m) => NOTES[m]),
    rawMailLine(input.rawMailUrl),
  ].filter((l): l is string => l !== undefined);
  // A truncated body carries its own omission marker between its kept start and end (body.ts).
  const bodyBlock = input.parseFailed ? BODY_UNAVAILABLE : body.text || EMPTY_BODY;
  return {
    version: 1,
    event: { slug: config.slug, title: config.title, customer: config.customer },
    ...(customer ? { customer: { slug: customer.slug, name: customer.name, tier: customer.tier } } : {}),
    ...(customer && notesLines(customer).length ? { notes: payloadNotes(customer) } : {}),
    lane: input.decision.action,
    reason: input.decision.reason,
    alert_uid: input.alertUid,
    title: renderTitle(subject, input.from, customer?.name ?? config.customer, markers, input.parseFailed ? "" : body.text),
    // The customer's words first (what a responder reads on a phone), the header block after them.
    message: `${bodyBlock}\n\n${DETAILS_HEADING}\n${header.join("\n")}`,
    subject,
    from: { address: input.from.address, name: oneLine(input.from.name) },
    to: input.to,
    cc: input.cc,
    recipients: input.recipients,
    date: input.date,
    message_id: input.messageId,
    attachments: input.attachments,
    auth: { spf: input.verdicts.spf, dkim: input.verdicts.dkim, dmarc: input.verdicts.dmarc, spam: input.verdicts.spam, virus: input.verdicts.virus, verified: input.decision.verified, detail: input.decision.detail },
    markers,
    raw_mail_url: input.rawMailUrl,
    // Only an authenticated page may resolve its thread; a notify can never resolve anything.
    state: input.decision.action === "page" && input.threadTrusted !== false ? stateFromSubject(subject) : "alerting",
  };
}
