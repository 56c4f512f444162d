import { createHash } from "node:crypto";
import type { AuthStatus } from "../../functions/mail-to-alert/contract";

/**
 * Builds the SES receipt-rule Lambda event for a raw mail, the way SES would: used by preview,
 * the local SMTP server, tests and benchmarks so they all exercise the real handler input.
 */
export interface SesEventOptions {
  /** Envelope RCPT TO. */
  readonly recipients: readonly string[];
  /** Envelope MAIL FROM; default: the Return-Path header, else the first From address. "" is the null sender. */
  readonly mailFrom?: string;
  /** SES message id (object key suffix); default: derived from the raw bytes. */
  readonly messageId?: string;
  readonly verdicts?: Partial<Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", AuthStatus>>;
  /** Receipt time; default: the Date header, else now. */
  readonly timestamp?: Date;
  readonly functionArn?: string;
}

export interface HeaderLine {
  readonly name: string;
  readonly value: string;
}

/** Header section of a raw mail, unfolded, as SES lists it in `mail.headers` (first 50 KB only, like SES). */
export function rawHeaders(raw: Uint8Array): { headers: HeaderLine[]; truncated: boolean } {
  const LIMIT = 50 * 1024;
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, 256 * 1024))).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const section = end >= 0 ? head.slice(0, end) : head;
  const truncated = section.length > LIMIT;
  const headers: HeaderLine[] = [];
  for (const line of section.slice(0, LIMIT).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) {
      const last = headers[headers.length - 1]!;
      headers[headers.length - 1] = { name: last.name, value: `${last.value} ${line.trim()}` };
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    // Header bytes may be raw UTF-8 (SMTPUTF8); latin1 above kept them byte-exact.
    headers.push({ name: line.slice(0, colon).trim(), value: Buffer.from(line.slice(colon + 1).trim(), "latin1").toString("utf8") });
  }
  return { headers, truncated };
}

function firstAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>]*)>/.exec(value);
  if (angle) return angle[1]!.trim();
  const bare = /[^\s<>,;"]+@[^\s<>,;"]+/.exec(value);
  return bare?.[0];
}

export function sesEventFor(raw: Uint8Array, options: SesEventOptions): { Records: unknown[] } {
  const { headers, truncated } = rawHeaders(raw);
  const get = (n: string) => headers.find((h) => h.name.toLowerCase() === n)?.value;
  const all = (n: string) => headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
  const returnPath = get("return-path");
  const mailFrom = options.mailFrom ?? (returnPath !== undefined ? (firstAddress(returnPath) ?? "") : (firstAddress(get("from")) ?? ""));
  const dateHeader = get("date");
  const parsedDate = dateHeader ? Date.parse(dateHeader) : NaN;
  const timestamp = options.timestamp ?? (Number.isNaN(parsedDate) ? new Date() : new Date(parsedDate));
  const messageId = options.messageId ?? createHash("sha1").update(raw).digest("hex").slice(0, 32);
  const v = { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS", ...options.verdicts };
  const split = (vals: string[]) => vals.flatMap((x) => x.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)).map((x) => x.trim()).filter(Boolean);
  return {
    Records: [
      {
        eventSource: "aws:ses",
        eventVersion: "1.0",
        ses: {
          mail: {
            timestamp: timestamp.toISOString(),
            source: mailFrom,
            messageId,
            destination: split([...all("to"), ...all("cc")]),
            headersTruncated: truncated,
            headers,
            commonHeaders: {
              returnPath: returnPath,
              from: all("from"),
              date: dateHeader,
              to: split(all("to")),
              cc: all("cc").length ? split(all("cc")) : undefined,
              messageId: get("message-id"),
              subject: get("subject"),
            },
          },
          receipt: {
            timestamp: timestamp.toISOString(),
            processingTimeMillis: 42,
            recipients: [...options.recipients],
            spamVerdict: { status: v.spam },
            virusVerdict: { status: v.virus },
            spfVerdict: { status: v.spf },
            dkimVerdict: { status: v.dkim },
            dmarcVerdict: { status: v.dmarc },
            ...(v.dmarc === "FAIL" ? { dmarcPolicy: "reject" } : {}),
            action: { type: "Lambda", functionArn: options.functionArn ?? "arn:aws:lambda:eu-west-1:000000000000:function:local-mail-to-alert", invocationType: "Event" },
          },
        },
      },
    ],
  };
}
