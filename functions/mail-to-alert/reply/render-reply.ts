import type { ReplyRequest } from "../../reply-sender/contract";
import { templateFor, TemplateVars } from "./templates";

/** A reply as it will be sent: what `npm run preview -- --json` prints and the sender encodes (mime.ts). */
export interface RenderedReply {
  readonly from: string;
  /** Display name of From. */
  readonly fromName: string;
  readonly to: string;
  readonly cc: readonly string[];
  readonly subject: string;
  /** Threading and loop headers; SES keeps these and writes Message-ID and Date itself. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly html: string;
}

const MSG_ID = /^<[^<>\s"]{1,250}>$/;
/** RFC 5322 keeps References short in practice: the root and the newest ids keep the thread. */
const MAX_REFERENCES = 20;
const REPLY_PREFIX = /^\s*(?:re|aw|sv|antw|réf|ref)\s*:/i;

/** One line of header text: no CR, LF or other control characters (no header injection). */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
}

/** `Re: <subject>`, never `Re: Re:`; a missing subject gets the language's placeholder. */
export function replySubject(subject: string, noSubject: string): string {
  const s = oneLine(subject).slice(0, 900);
  if (s === "") return `Re: ${noSubject}`;
  return REPLY_PREFIX.test(s) ? s : `Re: ${s}`;
}

/** In-Reply-To and References of a reply (RFC 5322 3.6.4): their References, then their Message-ID. */
export function threadingHeaders(messageId: string | undefined, references: readonly string[]): Record<string, string> {
  // Ids come bracketed or bare (mail-facts.ts keeps them bare).
  const bracket = (id: string) => (id.trim().startsWith("<") ? id.trim() : `<${id.trim()}>`);
  const own = messageId !== undefined && MSG_ID.test(bracket(messageId)) ? bracket(messageId) : undefined;
  const chain = [...references.map(bracket).filter((r) => MSG_ID.test(r)), ...(own ? [own] : [])];
  const unique = chain.filter((id, i) => chain.indexOf(id) === i);
  // Keep the root (it names the thread) and the newest ones.
  const kept = unique.length > MAX_REFERENCES ? [unique[0]!, ...unique.slice(-(MAX_REFERENCES - 1))] : unique;
  return { ...(own ? { "In-Reply-To": own } : {}), ...(kept.length ? { References: kept.join(" ") } : {}) };
}

/** A time in the event's zone, in the reader's language, with the zone named. */
export function formatTime(iso: string, timeZone: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(d);
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The reply to a request: pure (the same request renders the same bytes), every field escaped for its part. */
export function renderReply(request: ReplyRequest): RenderedReply {
  const t = templateFor(request.language);
  const zone = request.event.timeZone;
  const vars: TemplateVars = {
    request,
    at: formatTime(request.at, zone, t.locale),
    windowStart: formatTime(request.event.window.start, zone, t.locale),
    windowEnd: formatTime(request.event.window.end, zone, t.locale),
  };
  const paragraphs = [t.greeting, ...t.body[request.kind](vars)];
  const signature = t.signature(vars);
  const text = [...paragraphs, `-- \n${signature}`].join("\n\n") + "\n";
  const html =
    `<!DOCTYPE html>\n<html lang="${escapeHtml(t.locale)}"><head><meta charset="utf-8"></head><body>\n` +
    paragraphs.map((p) => `<p>${escapeHtml(p)}</p>\n`).join("") +
    `<p style="color:#666">${escapeHtml(signature)}</p>\n</body></html>\n`;
  return {
    from: oneLine(request.from),
    fromName: oneLine(t.fromName(request.event.title)),
    to: oneLine(request.to),
    cc: request.cc.map(oneLine).filter((c) => c !== "" && c !== oneLine(request.to)),
    subject: replySubject(request.subject, t.noSubject),
    headers: {
      ...threadingHeaders(request.messageId, request.references),
      // RFC 3834: marks the reply automatic, so well-behaved responders never answer it (no loops).
      "Auto-Submitted": "auto-replied",
      // Exchange and Outlook send no out-of-office or read receipts to mail carrying this.
      "X-Auto-Response-Suppress": "All",
    },
    text,
    html,
  };
}
