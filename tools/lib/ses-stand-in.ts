import { createHash } from "node:crypto";
import parseAddresses from "email-addresses";
import type { AuthStatus } from "../../functions/mail-to-alert/contract";
import { headerValues, splitHeaderSection } from "../../functions/mail-to-alert/headers";
import { sesAuthResults } from "../../functions/mail-to-alert/ses-auth-results";
import { verdictsFromStoredMail } from "../replay/verdicts";

/**
 * What SES does when a mail arrives, for preview, the local SMTP server, replay, tests and
 * benchmarks, so they all run the real handler on the input it gets in Lambda:
 * - the copy SES stores in S3 starts with SES's own headers (spam/virus verdicts, Received-SPF,
 *   `Authentication-Results: amazonses.com; spf=...; dkim=... header.i=...; dmarc=... header.from=...`)
 *   above everything the sender wrote;
 * - the Lambda event lists those headers too, and carries the verdicts in `receipt`.
 */
export interface SesEventOptions {
  /** Envelope RCPT TO. */
  readonly recipients: readonly string[];
  /** Envelope MAIL FROM; default: the Return-Path header, else the first From address. "" is the null sender. */
  readonly mailFrom?: string;
  /** SES message id (object key suffix); default: derived from the raw bytes. */
  readonly messageId?: string;
  /**
   * The verdicts SES reaches (default PASS each). Given: the mail arrives anew and SES's headers are
   * written from them. Omitted on a mail that already carries SES's results on top (a stored copy):
   * those results are used, as a replay must judge the mail as it was judged on arrival.
   */
  readonly verdicts?: Partial<Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", AuthStatus>>;
  /** "fresh": always write SES's headers (the local SMTP server: a sender cannot pre-write them). */
  readonly arrival?: "fresh" | "auto";
  /** Receipt time; default: the Date header, else now. */
  readonly timestamp?: Date;
  readonly functionArn?: string;
}

export interface HeaderLine {
  readonly name: string;
  readonly value: string;
}

const SES_HEADER_LIMIT = 50 * 1024;

/** Header section of a raw mail, unfolded, as SES lists it in `mail.headers` (first 50 KB only, like SES). */
export function rawHeaders(raw: Uint8Array): { headers: HeaderLine[]; truncated: boolean } {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, 1024 * 1024))).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const sectionLength = end >= 0 ? end : head.length;
  const truncated = sectionLength > SES_HEADER_LIMIT;
  return { headers: splitHeaderSection(Buffer.from(head.slice(0, Math.min(sectionLength, SES_HEADER_LIMIT)), "latin1")), truncated };
}

function firstAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>]*)>/.exec(value);
  if (angle) return angle[1]!.trim();
  const bare = /[^\s<>,;"]+@[^\s<>,;"]+/.exec(value);
  return bare?.[0];
}

/** The From domain SES's DMARC would evaluate: a strict RFC 5322 reading, else the text after the last "@". */
function headerFromDomain(from: string | undefined): string {
  if (!from) return "";
  try {
    const list = parseAddresses.parseAddressList({ input: from, rfc6532: true });
    const first = list?.find((a) => a.type === "mailbox") as parseAddresses.ParsedMailbox | undefined;
    if (first) return first.domain.toLowerCase().replace(/\.+$/, "");
  } catch {
    // fall through
  }
  return (/@([^\s<>()",;@]+)[^@]*$/.exec(from)?.[1] ?? "").toLowerCase().replace(/\.+$/, "");
}

const WORDS: Record<AuthStatus, string | undefined> = { PASS: "pass", FAIL: "fail", GRAY: "none", PROCESSING_FAILED: "temperror", DISABLED: undefined };

/** SES's headers for a mail, written from verdicts the way SES writes them (FACTS.md has a real example). */
export function sesHeaderBlock(raw: Uint8Array, mailFrom: string, v: Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", AuthStatus>, receipt?: { readonly at: Date; readonly recipients: readonly string[] }): string {
  const headers = splitHeaderSection(raw);
  const envelopeDomain = mailFrom.includes("@") ? mailFrom.slice(mailFrom.lastIndexOf("@") + 1) : "localhost";
  const spfText = `${WORDS[v.spf] ?? "none"} (spfCheck: domain of ${envelopeDomain} ${v.spf === "PASS" ? "designates" : "does not designate"} 127.0.0.1 as permitted sender) client-ip=127.0.0.1; envelope-from=${mailFrom}; helo=localhost;`;
  const clauses = [v.spf === "DISABLED" ? undefined : ` spf=${spfText}`];
  // One dkim clause per signature, as SES writes them; the local stand-in cannot verify, so each gets the dkim verdict.
  for (const sig of headerValues(headers, "dkim-signature")) {
    const d = /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(sig)?.[1];
    if (d && WORDS[v.dkim]) clauses.push(` dkim=${WORDS[v.dkim]} header.i=@${d.toLowerCase()};`);
  }
  const fromDomain = headerFromDomain(headerValues(headers, "from")[0]);
  if (WORDS[v.dmarc] && fromDomain) clauses.push(` dmarc=${WORDS[v.dmarc]} header.from=${fromDomain};`);
  return [
    // SES's own trace lines: the envelope sender and the receipt time a replay reads back.
    `Return-Path: <${mailFrom}>`,
    ...(receipt ? [`Received: from localhost (localhost [127.0.0.1])\r\n by ${SES_RECEIVED_BY} with SMTP id local\r\n for ${receipt.recipients[0] ?? "unknown"};\r\n ${receipt.at.toUTCString().replace("GMT", "+0000")}`] : []),
    `X-SES-Spam-Verdict: ${v.spam}`,
    `X-SES-Virus-Verdict: ${v.virus}`,
    `Received-SPF: ${spfText}`,
    `Authentication-Results: amazonses.com;\r\n${clauses.filter((c): c is string => c !== undefined).join("\r\n")}`,
    "X-SES-RECEIPT: local-stand-in",
    "",
  ].join("\r\n");
}

/** The host SES names in its Received line (`by inbound-smtp.<region>.amazonaws.com`); the stand-in's. */
const SES_RECEIVED_BY = "inbound-smtp.local-stand-in.amazonaws.com";

/**
 * What SES recorded about a stored copy's arrival, read back for a replay: the envelope sender from
 * SES's own spf clause (`envelope-from=`/`smtp.mailfrom=`, else SES's Return-Path on top), and the
 * receipt time from SES's Received line. Never the sender's From or Date: a replay judged on those
 * would let an SPF pass for the attacker's envelope align with the From it forged.
 */
function recordedArrival(headers: readonly HeaderLine[]): { mailFrom?: string; at?: Date } {
  const spf = sesAuthResults(headers)?.clauses.find((c) => c.method === "spf");
  const envelope = spf?.props["envelope-from"] ?? spf?.props["smtp.mailfrom"] ?? (headers[0]?.name.toLowerCase() === "return-path" ? headers[0].value : undefined);
  const received = headers.find((h) => h.name.toLowerCase() === "received" && /\bby inbound-smtp\.[^\s;]+\.amazonaws\.com\b/i.test(h.value));
  const when = received ? Date.parse(received.value.slice(received.value.lastIndexOf(";") + 1).trim()) : NaN;
  return { mailFrom: envelope?.trim().replace(/^<|>$/g, ""), at: Number.isNaN(when) ? undefined : new Date(when) };
}

export interface SesArrival {
  /** The Lambda event SES would send. */
  readonly event: { Records: unknown[] };
  /** The copy SES would store in S3 (SES's headers on top). */
  readonly stored: Uint8Array;
}

export function sesReceive(raw: Uint8Array, options: SesEventOptions): SesArrival {
  const original = splitHeaderSection(raw);
  const get = (n: string) => original.find((h) => h.name.toLowerCase() === n)?.value;
  const returnPath = get("return-path");
  const verdictsGiven = options.verdicts !== undefined && Object.keys(options.verdicts).length > 0;
  const storedAlready = options.arrival !== "fresh" && !verdictsGiven && sesAuthResults(original) !== undefined;
  const recorded = storedAlready ? recordedArrival(original) : {};
  // A fresh arrival simulates the envelope (Return-Path, else From: what a mail client would send);
  // a stored copy keeps the envelope SES recorded.
  const mailFrom = options.mailFrom ?? recorded.mailFrom ?? (returnPath !== undefined ? (firstAddress(returnPath) ?? "") : (firstAddress(get("from")) ?? ""));
  const dateHeader = get("date");
  const parsedDate = dateHeader ? Date.parse(dateHeader) : NaN;
  const timestamp = options.timestamp ?? recorded.at ?? (Number.isNaN(parsedDate) ? new Date() : new Date(parsedDate));
  const v = storedAlready ? verdictsFromStoredMail(raw) : { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS", ...options.verdicts } as const;
  const stored = storedAlready ? raw : Buffer.concat([Buffer.from(sesHeaderBlock(raw, mailFrom, v, { at: timestamp, recipients: options.recipients }), "utf8"), Buffer.from(raw)]);
  const { headers, truncated } = rawHeaders(stored);
  const all = (n: string) => original.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
  const messageId = options.messageId ?? createHash("sha1").update(raw).digest("hex").slice(0, 32);
  const split = (vals: string[]) => vals.flatMap((x) => x.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)).map((x) => x.trim()).filter(Boolean);
  const event = {
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
  return { event, stored };
}

/** The Lambda event alone (its headers include SES's; pair it with `sesReceive(...).stored` as the S3 object). */
export function sesEventFor(raw: Uint8Array, options: SesEventOptions): { Records: unknown[] } {
  return sesReceive(raw, options).event;
}
