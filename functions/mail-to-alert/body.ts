import { convert } from "html-to-text";

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

/** Removes control and invisible characters that confuse phones and Slack, normalises newlines. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/, ""))
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

export function truncate(text: string, maxChars: number, originalExtra = 0): { text: string; truncated: boolean; omittedChars: number } {
  if (text.length <= maxChars && originalExtra === 0) return { text, truncated: false, omittedChars: 0 };
  let cut = Math.min(maxChars, text.length);
  // Prefer cutting at a line end, and never inside a surrogate pair.
  const nl = text.lastIndexOf("\n", cut);
  if (nl > maxChars * 0.8) cut = nl;
  if (cut > 0 && /[\ud800-\udbff]/.test(text[cut - 1]!)) cut--;
  return { text: text.slice(0, cut).trimEnd(), truncated: true, omittedChars: text.length - cut + originalExtra };
}

const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv|antw)\s*:\s*)*(?:fwd?|wg|tr|fw)\s*:/i;

/** The readable body of a mail: plain part if any, else converted HTML; trimmed and truncated to `maxChars`. */
export function bodyText(parts: { text?: string; html?: string }, subject: string, maxChars: number): BodyText {
  let source: string;
  let extra = 0;
  const plain = parts.text?.trim() ? parts.text : undefined;
  if (plain !== undefined) {
    source = plain.slice(0, PROCESS_CAP);
    extra = Math.max(0, plain.length - PROCESS_CAP);
  } else if (parts.html) {
    source = htmlToText(parts.html);
    extra = Math.max(0, parts.html.length - PROCESS_CAP);
  } else source = "";
  const trimmed = trimReply(normalizeText(source), FORWARD_SUBJECT.test(subject));
  const cut = truncate(trimmed.text, maxChars, extra);
  return { text: cut.text, truncated: cut.truncated, omittedChars: cut.omittedChars, trimmedQuotedLines: trimmed.trimmedQuotedLines, trimmedSignature: trimmed.trimmedSignature };
}
