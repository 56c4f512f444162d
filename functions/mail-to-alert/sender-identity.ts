import parseAddresses from "email-addresses";
import { addressParser } from "postal-mime";
import { repairC1 } from "./windows-1252-repair";
import { stripInvisible } from "./invisible";

/** A mailbox as the function uses it: lower-cased address, decoded display name. */
export interface Mailbox {
  /** Lower-cased address, trailing dot of the domain removed; "" when there was none. */
  readonly address: string;
  readonly name: string;
}

/**
 * The single From mailbox the decision may trust, or why there is none. `candidates` are every
 * address either parser read (lower-cased): they tell whether the mail *claims* a trusted sender
 * (a drop of such a mail is counted and alarms) even when it cannot be trusted.
 */
export type FromIdentity =
  | { readonly ok: true; readonly mailbox: Mailbox; readonly domain: string; readonly candidates: readonly string[] }
  | { readonly ok: false; readonly problem: string; readonly candidates: readonly string[] };

/** Lower case, no surrounding space, no trailing dot (`example.com.` is `example.com`). */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.+$/, "");
}

/** Lower case with the domain normalized; the local part is compared case-insensitively too (as people expect). */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed.toLowerCase();
  return `${trimmed.slice(0, at).toLowerCase()}@${normalizeDomain(trimmed.slice(at + 1))}`;
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? "" : normalizeDomain(address.slice(at + 1));
}

/**
 * A fully qualified domain written with its root dot (`cto@acme-shop.example.`) is the same
 * domain; the strict parser rejects the dot, so it is removed before both parsers read the value.
 * Only a dot that ends an address (before `>`, a comment, a comma or the end) is touched.
 */
function withoutRootDots(value: string): string {
  // One linear pass (a regex here backtracked quadratically on "@" followed by many dots): inside
  // the domain of an address (after "@" and at least one other character, before any delimiter),
  // a run of dots followed only by blanks and then a terminator (">", "(", ",", ";" or the end) goes.
  let out = "";
  let afterAt = false;
  let domainChars = 0;
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c === ".") {
      let j = i;
      while (j < value.length && value[j] === ".") j++;
      let k = j;
      while (k < value.length && (value[k] === " " || value[k] === "\t")) k++;
      const terminator = k === value.length || ">(,;".includes(value[k]!);
      if (!(afterAt && domainChars > 0 && terminator)) out += value.slice(i, j);
      domainChars += afterAt ? j - i : 0;
      i = j;
      continue;
    }
    if (c === "@") {
      afterAt = true;
      domainChars = 0;
    } else if (/[\s<>(),;:"]/.test(c)) {
      afterAt = false;
    } else if (afterAt) {
      domainChars++;
    }
    out += c;
    i++;
  }
  return out;
}

/** A From header longer than this (16 KB) is not a person's address: refused, not parsed (the parsers cost time per byte). */
export const MAX_FROM_LENGTH = 16 * 1024;

type PostalAddress = ReturnType<typeof addressParser>[number];

function postalRead(value: string): { mailboxes: PostalAddress[]; groups: number; all: string[] } {
  let parsed: PostalAddress[] = [];
  try {
    parsed = addressParser(value);
  } catch {
    parsed = [];
  }
  const all: string[] = [];
  let groups = 0;
  const mailboxes: PostalAddress[] = [];
  for (const a of parsed) {
    if (a.group) {
      groups++;
      for (const m of a.group) if (m.address) all.push(m.address);
    } else {
      mailboxes.push(a);
      if (a.address) all.push(a.address);
    }
  }
  return { mailboxes, groups, all };
}

type StrictEntry = parseAddresses.ParsedMailbox | parseAddresses.ParsedGroup;

function strictRead(value: string): StrictEntry[] | null {
  try {
    return parseAddresses.parseAddressList({ input: value, rfc6532: true });
  } catch {
    return null;
  }
}

/**
 * The From mailbox, read by two independent parsers: postal-mime (what renders the alert) and
 * the strict RFC 5322 parser `email-addresses`. SES authenticates the From domain with a third
 * parser of its own; a header that parsers read differently (nested comments, an address in a
 * comment, an encoded word standing for an address, an unterminated quote or comment, two angle
 * addresses, group syntax, a bare CR) is how an outsider passes DMARC for their own domain while
 * a lax parser reads a trusted one. So a From is usable only when it is one header holding exactly
 * one mailbox that both parsers read as the same address; the decision then also requires its
 * domain to be the one SES evaluated (`header.from`). Never throws.
 */
export function fromIdentity(values: readonly string[]): FromIdentity {
  if (values.some((v) => v.length > MAX_FROM_LENGTH)) {
    // Still say whom it names (a drop of mail naming a trusted sender alarms): a linear token scan, bounded.
    const named = new Set<string>();
    for (const v of values.slice(0, 10)) {
      for (const token of v.slice(0, 64 * 1024).split(/[\s<>(),;:"]+/)) if (token.includes("@") && named.size < 1000) named.add(normalizeAddress(token));
    }
    return { ok: false, problem: `a From header is longer than ${MAX_FROM_LENGTH} characters`, candidates: [...named] };
  }
  // Both parsers read every From value once; their readings serve the candidates and the identity.
  const readings = values.slice(0, 10).map((v) => {
    const value = withoutRootDots(v);
    return { postal: postalRead(value), strict: strictRead(value) };
  });
  const candidates = new Set<string>();
  for (const { postal, strict } of readings) {
    for (const a of postal.all) candidates.add(normalizeAddress(a));
    for (const e of strict ?? []) {
      if (e.type === "mailbox") candidates.add(normalizeAddress(e.address));
      else for (const m of e.addresses) candidates.add(normalizeAddress(m.address));
    }
  }
  const fail = (problem: string): FromIdentity => ({ ok: false, problem, candidates: [...candidates] });
  if (values.length === 0) return fail("the mail has no From header");
  if (values.length > 1) return fail(`the mail has ${values.length} From headers`);
  if (/[\r\n\0]/.test(values[0]!)) return fail("the From header holds a bare CR, LF or NUL");
  const { postal, strict } = readings[0]!;
  if (postal.groups > 0 || strict?.some((e) => e.type === "group")) return fail("the From header uses group syntax");
  if (!strict) return fail("the From header is not a valid RFC 5322 address list");
  if (strict.length !== 1 || postal.mailboxes.length !== 1) return fail(`the From header holds ${Math.max(strict.length, postal.mailboxes.length)} mailboxes, not one`);
  const s = strict[0] as parseAddresses.ParsedMailbox;
  const p = postal.mailboxes[0]!;
  const strictAddress = normalizeAddress(`${s.local}@${s.domain}`);
  const postalAddress = normalizeAddress(p.address ?? "");
  if (strictAddress !== postalAddress) return fail(`parsers disagree on the From address (${strictAddress} vs ${postalAddress || "none"})`);
  const domain = normalizeDomain(s.domain);
  if (!/^[^\s@\[\]]+\.[^\s@\[\]]+$/.test(domain)) return fail(`the From domain "${domain}" is not a DNS name`);
  return { ok: true, mailbox: { address: strictAddress, name: stripInvisible(repairC1(p.name ?? "")).trim() }, domain, candidates: [...candidates] };
}
