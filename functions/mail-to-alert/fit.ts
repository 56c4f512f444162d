import { truncate } from "./body";
import type { AlertPayload } from "./contract";
import { MARKER_NOTES } from "./marker-notes";
import { ATTACHMENTS_LINE_PREFIX, attachmentsLine, DECISION_LINE_PREFIX, DETAILS_HEADING, ellipsis, EVENT_LINE_PREFIX, eventLine, fromLine, RAW_MAIL_LINE_PREFIX, subjectLine, toLine } from "./render";

/**
 * Grafana OnCall refuses an integration payload above 256 KB: an alert that does not fit is an
 * alert nobody sees, and the retries (then the DLQ) would all fail the same way. Measured as the
 * bytes of the JSON the function posts.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * Caps, tried in order until the payload fits. The first level is what a responder can use (50
 * addresses or attachments is more than anyone reads on a phone; 1,000 characters is a long
 * subject); the later ones exist only so that pathological mails (10,000 recipients with long
 * UTF-8 addresses) still fit before the body has to give way.
 */
interface Caps {
  readonly listEntries: number;
  /** Subject, display name, title, addresses, message id, decision detail. */
  readonly text: number;
  /** Attachment file names (255: what file systems allow anyway). */
  readonly fileName: number;
}
export const CAP_LEVELS: readonly Caps[] = [
  { listEntries: 50, text: 1000, fileName: 255 },
  { listEntries: 10, text: 200, fileName: 80 },
  { listEntries: 3, text: 80, fileName: 40 },
];
/** Body bytes each cap level must leave free before the next, stricter level is tried. */
const MIN_BODY_BYTES = 16 * 1024;

export const bytesOf = (p: AlertPayload) => Buffer.byteLength(JSON.stringify(p));

/** Subject, names and list entries are cut like the title is (render.ts): "…", whole characters. */
export const capText = ellipsis;

const splitMessage = (message: string) => {
  const at = message.lastIndexOf(`\n\n${DETAILS_HEADING}\n`);
  if (at < 0) return { body: message, lines: undefined };
  return { body: message.slice(0, at), lines: message.slice(at + DETAILS_HEADING.length + 3).split("\n") };
};
const joinMessage = (body: string, lines: readonly string[] | undefined) => (lines ? `${body}\n\n${DETAILS_HEADING}\n${lines.join("\n")}` : body);

/** Replaces the first header line that starts with `prefix` (render.ts writes each at most once). */
function replaceLine(lines: string[], prefix: string, line: string | undefined): void {
  const i = lines.findIndex((l) => l.startsWith(prefix));
  if (i >= 0 && line !== undefined) lines[i] = line;
}

/** The payload with its lists and names shortened to `caps`; header lines rebuilt only where something was cut. */
function capFields(p: AlertPayload, caps: Caps): AlertPayload {
  const text = (s: string) => capText(s, caps.text);
  const list = (xs: readonly string[]) => xs.slice(0, caps.listEntries).map(text);
  const from = { address: text(p.from.address), name: text(p.from.name) };
  const subject = text(p.subject);
  const to = list(p.to);
  const cc = list(p.cc);
  const recipients = list(p.recipients);
  const attachments = p.attachments.slice(0, caps.listEntries).map((a) => ({ filename: capText(a.filename, caps.fileName), content_type: capText(a.content_type, 100), size: a.size }));
  const changed = (a: readonly unknown[], b: readonly unknown[]) => a.length !== b.length || a.some((x, i) => JSON.stringify(x) !== JSON.stringify(b[i]));

  const { body, lines } = splitMessage(p.message);
  if (lines) {
    if (changed(recipients, p.recipients)) replaceLine(lines, EVENT_LINE_PREFIX, eventLine(p.event, recipients, p.recipients.length));
    if (from.address !== p.from.address || from.name !== p.from.name) replaceLine(lines, "From: ", fromLine(from));
    if (changed(to, p.to)) replaceLine(lines, "To: ", toLine("To", to, p.to.length));
    if (changed(cc, p.cc)) replaceLine(lines, "Cc: ", toLine("Cc", cc, p.cc.length));
    if (subject !== p.subject) replaceLine(lines, "Subject: ", subjectLine(subject));
    if (changed(attachments, p.attachments)) replaceLine(lines, ATTACHMENTS_LINE_PREFIX, attachmentsLine(attachments, p.attachments.length));
    // The decision line quotes the detail, which can name a long address: the same bound as auth.detail.
    const decision = lines.findIndex((l) => l.startsWith(DECISION_LINE_PREFIX));
    if (decision >= 0) lines[decision] = capText(lines[decision]!, caps.text + 100);
  }
  return {
    ...p,
    title: text(p.title),
    message: joinMessage(body, lines),
    subject,
    from,
    to,
    cc,
    recipients,
    message_id: text(p.message_id),
    date: text(p.date),
    attachments,
    auth: { ...p.auth, detail: text(p.auth.detail) },
  };
}

/** Adds TRUNCATED and its note (before the raw-mail line, like render.ts) when the fit cut the body. */
function markTruncated(p: AlertPayload): AlertPayload {
  if (p.markers.includes("TRUNCATED")) return p;
  const { body, lines } = splitMessage(p.message);
  if (lines) {
    const raw = lines.findIndex((l) => l.startsWith(RAW_MAIL_LINE_PREFIX));
    lines.splice(raw >= 0 ? raw : lines.length, 0, MARKER_NOTES.TRUNCATED);
  }
  return { ...p, markers: [...p.markers, "TRUNCATED"], message: joinMessage(body, lines) };
}

/** The largest body cut (body.ts's head + tail truncation) with which `p` fits, or undefined. */
function fitBody(p: AlertPayload, maxBytes: number): AlertPayload | undefined {
  const { body } = splitMessage(p.message);
  const marked = markTruncated(p);
  const { lines } = splitMessage(marked.message);
  const withBody = (chars: number) => ({ ...marked, message: joinMessage(truncate(body, chars).text, lines) });
  // Binary search over characters kept: bytes grow with the characters kept, so the largest
  // count that fits is found in ~17 probes for a 50,000-character body.
  let lo = 0;
  let hi = body.length;
  if (bytesOf(withBody(0)) > maxBytes) return undefined;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytesOf(withBody(mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return withBody(lo);
}

/**
 * The payload cut to fit `maxBytes` of JSON: untouched when it fits; else lists keep their first
 * entries (the message says how many more), names and subject are cut with "…", and the body
 * gives way last, keeping its start and end (marker TRUNCATED). Pure and deterministic: a retried
 * event posts the same payload, so OnCall groups it the same way.
 */
/**
 * A cheap upper bound of the payload's JSON size: every string character costs at most 6 bytes in
 * JSON (a `\u00XX` escape; UTF-8 needs at most 3 per UTF-16 unit), plus a generous allowance per
 * value for quotes, keys and punctuation. Almost every mail is far below the limit, and this spares
 * it a full `JSON.stringify` (the hot path of every page).
 */
function sizeBound(value: unknown): number {
  if (typeof value === "string") return value.length * 6 + 2;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + sizeBound(v) + 1, 2);
  if (value !== null && typeof value === "object") return Object.entries(value).reduce((n, [k, v]) => n + k.length * 6 + 4 + sizeBound(v), 2);
  return 24;
}

export function fitAlert(payload: AlertPayload, maxBytes = MAX_PAYLOAD_BYTES): AlertPayload {
  if (sizeBound(payload) <= maxBytes || bytesOf(payload) <= maxBytes) return payload;
  let last = payload;
  for (const caps of CAP_LEVELS) {
    const capped = capFields(payload, caps);
    if (bytesOf(capped) <= maxBytes) return capped;
    last = capped;
    // Cut the body only when this level leaves it a useful share; else try stricter caps first.
    const { lines } = splitMessage(capped.message);
    const headerOnly = bytesOf({ ...capped, message: joinMessage("", lines) });
    if (headerOnly + MIN_BODY_BYTES <= maxBytes || caps === CAP_LEVELS[CAP_LEVELS.length - 1]) {
      const fitted = fitBody(capped, maxBytes);
      if (fitted) return fitted;
    }
  }
  // Unreachable with a validated event config (its names are short); still never post too much.
  return { ...markTruncated(last), message: capText(last.message, Math.max(0, Math.floor((maxBytes - bytesOf({ ...last, message: "" })) / 6))) };
}
