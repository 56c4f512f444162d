import { convert } from "html-to-text";
import { stripTags } from "./html-fallback";

/**
 * Input cap before any text processing: the alert shows at most 50,000 characters, so converting
 * or scanning megabytes of a 40 MB mail would only burn Lambda time. The note still reports the
 * full original length.
 */
const PROCESS_CAP = 400_000;

export interface BodyText {
  readonly text: string;
  readonly truncated: boolean;
  /** Characters of readable text left out by truncation (approximate for HTML). */
  readonly omittedChars: number;
  readonly trimmedQuotedLines: number;
  readonly trimmedSignature: boolean;
  /** The HTML could not be converted: the text is the plain extraction of html-fallback.ts (marker RENDER_FALLBACK). */
  readonly renderFallback?: boolean;
}

/** HTML to readable text: links kept as "text [url]", images and styles dropped, no hard wrapping. */
export function htmlToText(html: string): string {
  return convert(html.slice(0, PROCESS_CAP), {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "table", format: "dataTable" },
    ],
  });
}

function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end--;
  return end === line.length ? line : line.slice(0, end);
}

/**
 * htmlToText, or, when html-to-text fails (its recursive walk overflows the stack on a few
 * thousand nested or unclosed elements, 20–60 KB of HTML), the linear tag stripper: a trusted
 * sender's mail must page with its words, not fail the invocation on every retry into the DLQ.
 */
export function htmlToTextOrFallback(html: string): { text: string; fallback: boolean } {
  try {
    return { text: htmlToText(html), fallback: false };
  } catch {
    return { text: stripTags(html.slice(0, PROCESS_CAP)), fallback: true };
  }
}

/** Removes control and invisible characters that confuse phones and Slack, normalises newlines. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\u00a0/g, " ")
    .split("\n")
    // trimEnd-like but only blanks and tabs, linear (a /[ \t]+$/ regex backtracks quadratically on a long run of blanks)
    .map(trimBlanksEnd)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// Lines that open quoted history in replies; everything after them is the earlier thread.
const REPLY_HEADERS: readonly RegExp[] = [
  /^On .{1,300}wrote:$/,
  /^Am .{1,300} schrieb .{0,300}:$/,
  /^Le .{1,300} a écrit ?:$/,
  /^-{2,} ?Original Message ?-{2,}$/i,
  /^-{2,} ?Ursprüngliche Nachricht ?-{2,}$/i,
  /^_{10,}$/,
];

function historyStart(lines: readonly string[]): number {
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (REPLY_HEADERS.some((re) => re.test(line) || re.test(joined))) return i;
    // Outlook: "From: x" then "Sent:"/"Date:" within the next lines, after a blank line.
    if (/^\*?From:\*? /.test(line) && lines[i - 1]!.trim() === "" && lines.slice(i + 1, i + 4).some((l) => /^\*?(Sent|Date):\*? /.test(l.trim()))) return i;
  }
  return -1;
}

/**
 * Folds what responders do not need: the earlier thread below a reply, long blocks of ">" quotes
 * and the signature. Forwarded mails keep everything: the forwarded part is the message.
 */
export function trimReply(text: string, isForward: boolean): { text: string; trimmedQuotedLines: number; trimmedSignature: boolean } {
  let lines = text.split("\n");
  let trimmedQuotedLines = 0;
  let trimmedSignature = false;
  if (!isForward) {
    const start = historyStart(lines);
    if (start > 0 && lines.slice(0, start).some((l) => l.trim() !== "" && !l.startsWith(">"))) {
      trimmedQuotedLines += lines.length - start;
      lines = [...lines.slice(0, start), `[… earlier messages in this thread trimmed (${lines.length - start} lines) …]`];
    }
    const out: string[] = [];
    for (let i = 0; i < lines.length; ) {
      if (!lines[i]!.startsWith(">")) {
        out.push(lines[i]!);
        i++;
        continue;
      }
      let j = i;
      while (j < lines.length && lines[j]!.startsWith(">")) j++;
      const block = lines.slice(i, j);
      if (block.length >= 4) {
        out.push(...block.slice(0, 2), `> [… ${block.length - 2} more quoted lines trimmed …]`);
        trimmedQuotedLines += block.length - 2;
      } else out.push(...block);
      i = j;
    }
    lines = out;
  }
  const sig = lines.findIndex((l) => l === "-- " || l === "--");
  // A delimiter far from the end is more likely a divider in the content than a signature.
  if (sig > 0 && lines.length - sig <= 12) {
    const kept = lines.slice(sig + 1).filter((l) => !l.startsWith("[… earlier messages"));
    const tail = lines.slice(sig + 1).filter((l) => l.startsWith("[… earlier messages"));
    if (kept.length > 0) {
      lines = [...lines.slice(0, sig), "[signature trimmed]", ...tail];
      trimmedSignature = true;
    }
  }
  return { text: lines.join("\n"), trimmedQuotedLines, trimmedSignature };
}

/** Share of the budget kept from the start of a long body; the rest is kept from its end. */
const HEAD_SHARE = 0.7;

/** The line between the two kept ends of a truncated body. */
export function omissionMarker(chars: number): string {
  return `[… ${chars.toLocaleString("en-US")} characters omitted …]`;
}

const isHighSurrogate = (c: string | undefined) => c !== undefined && /[\ud800-\udbff]/.test(c);
const isLowSurrogate = (c: string | undefined) => c !== undefined && /[\udc00-\udfff]/.test(c);

/**
 * Cuts `text` to `maxChars` characters of the mail: about 70% from its start and 30% from its end,
 * with an omission marker between, because a sender's closing lines ("call me at …") are often
 * the part a responder needs. Cuts prefer line ends and never split a surrogate pair.
 * `originalExtra` counts characters already skipped before processing (huge mails).
 */
export function truncate(text: string, maxChars: number, originalExtra = 0): { text: string; truncated: boolean; omittedChars: number } {
  if (text.length <= maxChars) {
    if (originalExtra === 0) return { text, truncated: false, omittedChars: 0 };
    return { text: `${text}\n\n${omissionMarker(originalExtra)}`, truncated: true, omittedChars: originalExtra };
  }
  const headBudget = Math.round(maxChars * HEAD_SHARE);
  const tailBudget = maxChars - headBudget;
  let cut = headBudget;
  const nl = text.lastIndexOf("\n", cut);
  if (nl > headBudget * 0.8) cut = nl;
  if (isHighSurrogate(text[cut - 1])) cut--;
  let start = text.length - tailBudget;
  const next = text.indexOf("\n", start);
  if (next >= 0 && next + 1 <= start + tailBudget * 0.2) start = next + 1;
  if (isLowSurrogate(text[start])) start++;
  const omittedChars = start - cut + originalExtra;
  return { text: `${text.slice(0, cut).trimEnd()}\n\n${omissionMarker(omittedChars)}\n\n${text.slice(start).trimStart()}`, truncated: true, omittedChars };
}

/**
 * At most PROCESS_CAP characters of a huge part are processed: its first and its last half of
 * that (the join falls inside what truncation omits, since the cap is far above bodyMaxChars).
 */
function capped(s: string): { text: string; tail?: string; skipped: number } {
  if (s.length <= PROCESS_CAP) return { text: s, skipped: 0 };
  let from = s.length - PROCESS_CAP / 2;
  if (isLowSurrogate(s[from])) from++;
  return { text: s.slice(0, PROCESS_CAP / 2), tail: s.slice(from), skipped: from - PROCESS_CAP / 2 };
}

const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv|antw)\s*:\s*)*(?:fwd?|wg|tr|fw)\s*:/i;

/** The readable body of a mail: plain part if any, else converted HTML; trimmed and truncated to `maxChars`. */
export function bodyText(parts: { text?: string; html?: string }, subject: string, maxChars: number): BodyText {
  let source = "";
  let extra = 0;
  let renderFallback = false;
  const plain = parts.text?.trim() ? parts.text : undefined;
  const part = plain ?? parts.html;
  if (part) {
    const c = capped(part);
    const convert = plain !== undefined ? (t: string) => t : (t: string) => {
      const r = htmlToTextOrFallback(t);
      if (r.fallback) renderFallback = true;
      return r.text;
    };
    // An HTML tail starts mid-markup; from its first tag end on it converts cleanly.
    const tail = c.tail === undefined ? undefined : plain !== undefined ? c.tail : c.tail.slice(c.tail.indexOf(">") + 1);
    source = tail === undefined ? convert(c.text) : `${convert(c.text)}\n${convert(tail)}`;
    extra = c.skipped;
  }
  const trimmed = trimReply(normalizeText(source), FORWARD_SUBJECT.test(subject));
  const cut = truncate(trimmed.text, maxChars, extra);
  return { text: cut.text, truncated: cut.truncated, omittedChars: cut.omittedChars, trimmedQuotedLines: trimmed.trimmedQuotedLines, trimmedSignature: trimmed.trimmedSignature, ...(renderFallback ? { renderFallback } : {}) };
}
