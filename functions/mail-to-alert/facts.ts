import { addressParser, decodeWords } from "postal-mime";
import { repairC1 } from "./c1-repair";

/** A header as both SES (`mail.headers`) and postal-mime (`headers`) give it: raw, unfolded value. */
export interface RawHeader {
  readonly name: string;
  readonly value: string;
}

export interface Mailbox {
  /** Lower-cased address; "" when the header had none. */
  readonly address: string;
  readonly name: string;
}

/** What the decision needs to know about a mail, from whichever header source was available. */
export interface MailFacts {
  readonly from: readonly Mailbox[];
  readonly subject: string;
  /** Raw Date header, if any. */
  readonly date?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** Domains (d=) of DKIM-Signature headers, lower-cased. */
  readonly dkimDomains: readonly string[];
  /** Top-level Content-Type media type, lower-cased ("" when absent). */
  readonly contentType: string;
  readonly autoSubmitted?: string;
  readonly xAutoreply?: string;
  readonly xAutorespond?: string;
  readonly precedence?: string;
  readonly listId?: string;
  /** Return-Path header value ("<>" for a null return path), if present. */
  readonly returnPath?: string;
}

function first(headers: readonly RawHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** Never throws: a broken address header yields no mailboxes (so the sender is untrusted). */
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
      out.push({ address: a.address.trim().toLowerCase(), name: repairC1(a.name ?? "").trim() });
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

function dkimDomains(headers: readonly RawHeader[]): string[] {
  return headers
    .filter((h) => h.name.toLowerCase() === "dkim-signature")
    .map((h) => /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(h.value)?.[1]?.toLowerCase())
    .filter((d): d is string => !!d);
}

export function decodeSubject(value: string | undefined): string {
  if (value === undefined) return "";
  try {
    return repairC1(decodeWords(value));
  } catch {
    return value;
  }
}

/**
 * Facts from a raw header list. `fromValues` lets the caller fall back to SES commonHeaders when
 * the header list was truncated or empty.
 */
export function factsFromHeaders(headers: readonly RawHeader[], fallback: { from?: readonly string[]; subject?: string; messageId?: string; date?: string } = {}): MailFacts {
  const lower = (v: string | undefined) => v?.trim().toLowerCase();
  const fromHeaders = headers.filter((h) => h.name.toLowerCase() === "from").map((h) => h.value);
  const subjectHeader = first(headers, "subject");
  return {
    from: parseMailboxes(fromHeaders.length ? fromHeaders : (fallback.from ?? [])),
    subject: subjectHeader !== undefined ? decodeSubject(subjectHeader) : (fallback.subject ?? ""),
    date: first(headers, "date") ?? fallback.date,
    messageId: singleId(first(headers, "message-id")) ?? singleId(fallback.messageId),
    inReplyTo: singleId(first(headers, "in-reply-to")),
    references: messageIds(first(headers, "references")),
    dkimDomains: dkimDomains(headers),
    contentType: lower(first(headers, "content-type")?.split(";")[0]) ?? "",
    autoSubmitted: lower(first(headers, "auto-submitted")),
    xAutoreply: lower(first(headers, "x-autoreply")),
    xAutorespond: lower(first(headers, "x-autorespond")),
    precedence: lower(first(headers, "precedence")),
    listId: first(headers, "list-id"),
    returnPath: first(headers, "return-path")?.trim(),
  };
}
