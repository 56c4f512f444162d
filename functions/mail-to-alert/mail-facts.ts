import { addressParser, decodeWords } from "postal-mime";
import { repairC1 } from "./windows-1252-repair";
import { firstHeader, headerValues, RawHeader } from "./headers";
import { stripInvisible } from "./invisible";
import { AuthResults, sesAuthResults } from "./ses-auth-results";
import { FromIdentity, fromIdentity, Mailbox, normalizeAddress } from "./sender-identity";

export type { RawHeader } from "./headers";
export type { Mailbox } from "./sender-identity";

/** What the decision needs to know about a mail, from one header list (SES's copy or the raw mail's). */
export interface MailFacts {
  /** The From mailbox both parsers agree on, or why there is none. */
  readonly identity: FromIdentity;
  /** Every address either parser read in From (lower-cased), trusted or not. */
  readonly fromCandidates: readonly string[];
  /** SES's own Authentication-Results (topmost header, authserv-id amazonses.com), if present. */
  readonly sesAuth?: AuthResults;
  /** Decoded subject, invisible format characters removed. */
  readonly subject: string;
  /** Raw Date header, if any. */
  readonly date?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Top-level Content-Type media type, lower-cased ("" when absent). */
  readonly contentType: string;
  /** Media types of every MIME part (lower-cased); empty when only headers were read. */
  readonly partTypes: readonly string[];
  /** Every Auto-Submitted value, in order. */
  readonly autoSubmitted: readonly string[];
  /** Every Precedence value, in order. */
  readonly precedence: readonly string[];
  readonly xAutoResponseSuppress?: string;
  readonly listId?: string;
  readonly listPost?: string;
  /** Every X-Original-Sender value (a relay writes one; more mean the sender wrote one too). */
  readonly xOriginalSender: readonly string[];
  /** Number of DKIM-Signature headers: SES writes at most one dkim clause per signature. */
  readonly dkimSignatures: number;
  readonly replyTo?: string;
  /** Return-Path header value ("<>" for a null return path), if present. */
  readonly returnPath?: string;
  /** Lower-cased names of the headers present. */
  readonly present: ReadonlySet<string>;
  /**
   * Subject, Message-ID, In-Reply-To or References appears more than once (RFC 5322 allows one).
   * DKIM verifies the bottom instance of a header while the function reads the top one, so a
   * replayed genuine mail with a prepended `Subject: [resolved]` and `References:` would pass SES and
   * steer the alert: such a mail gets a group of its own and never resolves one.
   */
  readonly threadHeadersAmbiguous: boolean;
}

/** Never throws: a broken address header yields no mailboxes. Used for To/Cc display only, never for trust. */
export function parseMailboxes(values: readonly string[]): Mailbox[] {
  const out: Mailbox[] = [];
  for (const value of values) {
    let parsed: ReturnType<typeof addressParser>;
    try {
      parsed = addressParser(value, { flatten: true });
    } catch {
      continue;
    }
    for (const a of parsed) {
      if (a.address === undefined) continue;
      out.push({ address: normalizeAddress(a.address), name: stripInvisible(repairC1(a.name ?? "")).trim() });
    }
  }
  return out;
}

/** Message-IDs in a References/In-Reply-To value, brackets removed, in order. */
export function messageIds(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed.map((id) => id.slice(1, -1));
  return value.split(/\s+/).filter((id) => id.length > 0);
}

function singleId(value: string | undefined): string | undefined {
  return messageIds(value)[0];
}

export function decodeSubject(value: string | undefined): string {
  if (value === undefined) return "";
  let decoded: string;
  try {
    decoded = repairC1(decodeWords(value));
  } catch {
    decoded = value;
  }
  return stripInvisible(decoded);
}

export interface FactsFallback {
  readonly subject?: string;
  readonly messageId?: string;
  readonly date?: string;
}

/**
 * Facts from one raw header list. Trust-relevant facts (identity, SES results) come only from the
 * list itself; `fallback` (SES commonHeaders) fills display fields when the list lacks them.
 */
export function factsFromHeaders(headers: readonly RawHeader[], fallback: FactsFallback = {}, partTypes: readonly string[] = []): MailFacts {
  const lower = (v: string | undefined) => v?.trim().toLowerCase();
  const identity = fromIdentity(headerValues(headers, "from"));
  const subjectHeader = firstHeader(headers, "subject");
  return {
    identity,
    fromCandidates: identity.candidates,
    sesAuth: sesAuthResults(headers),
    subject: subjectHeader !== undefined ? decodeSubject(subjectHeader) : stripInvisible(fallback.subject ?? ""),
    date: firstHeader(headers, "date") ?? fallback.date,
    messageId: singleId(firstHeader(headers, "message-id")) ?? singleId(fallback.messageId),
    inReplyTo: singleId(firstHeader(headers, "in-reply-to")),
    references: messageIds(firstHeader(headers, "references")),
    contentType: lower(firstHeader(headers, "content-type")?.split(";")[0]) ?? "",
    partTypes: partTypes.map((t) => t.toLowerCase()),
    autoSubmitted: headerValues(headers, "auto-submitted"),
    precedence: headerValues(headers, "precedence"),
    xAutoResponseSuppress: firstHeader(headers, "x-auto-response-suppress"),
    listId: firstHeader(headers, "list-id"),
    listPost: firstHeader(headers, "list-post"),
    xOriginalSender: headerValues(headers, "x-original-sender"),
    dkimSignatures: headerValues(headers, "dkim-signature").length,
    replyTo: firstHeader(headers, "reply-to"),
    returnPath: firstHeader(headers, "return-path")?.trim(),
    present: new Set(headers.map((h) => h.name.toLowerCase())),
    threadHeadersAmbiguous: ["subject", "message-id", "in-reply-to", "references"].some((n) => headerValues(headers, n).length > 1),
  };
}
