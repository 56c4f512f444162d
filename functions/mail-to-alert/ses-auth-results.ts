import type { RawHeader } from "./headers";
import { domainOf, normalizeDomain } from "./sender-identity";

/** SES's authserv-id (RFC 8601): the only Authentication-Results this function believes. */
export const SES_AUTHSERV_ID = "amazonses.com";

/** One `method=result` clause with its properties (`header.from`, `header.i`, `smtp.mailfrom`, ...). */
export interface AuthClause {
  readonly method: string;
  readonly result: string;
  /** Property names lower-cased; values as written (comments removed). */
  readonly props: Readonly<Record<string, string>>;
}

export interface AuthResults {
  readonly authservId: string;
  readonly clauses: readonly AuthClause[];
  /** A quoted string or comment was left open: text after it is lost, so nothing in it is believed. */
  readonly malformed?: boolean;
}

const METHODS = new Set(["spf", "dkim", "dmarc", "arc", "iprev", "auth", "bimi", "dkim-atps", "sender-id", "domainkeys", "x-google-dkim", "rrvs", "smime", "vbr", "dnswl"]);

/**
 * Splits an Authentication-Results value into `;`-separated parts of whitespace-separated tokens,
 * as RFC 8601 reads it: comments (nested parentheses) are dropped, and a quoted string (with its
 * escapes) never splits, wherever it stands in a token. This matters: SES copies sender-controlled
 * text into its header (the envelope sender, a signature's i= tag), and an SMTP quoted local part
 * such as `"x;dkim=pass header.i=@acme-shop.example;"@evil.example` must stay one property value,
 * never become a clause.
 */
function tokenize(value: string): { parts: string[][]; unterminated: boolean } {
  const parts: string[][] = [[]];
  let token = "";
  let depth = 0;
  let quoted = false;
  const endToken = () => {
    if (token) parts[parts.length - 1]!.push(token);
    token = "";
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      token += c;
      if (c === "\\" && i + 1 < value.length) token += value[++i];
      else if (c === '"') quoted = false;
      continue;
    }
    if (depth > 0) {
      if (c === "\\") i++;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
      continue;
    }
    if (c === '"') {
      quoted = true;
      token += c;
    } else if (c === "(") {
      endToken();
      depth = 1;
    } else if (c === ";") {
      endToken();
      parts.push([]);
    } else if (/\s/.test(c)) {
      endToken();
    } else {
      token += c;
    }
  }
  endToken();
  return { parts: parts.filter((p) => p.length > 0), unterminated: quoted || depth > 0 };
}

const unquote = (v: string) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v);

/**
 * Parses an Authentication-Results value (RFC 8601) as SES writes it: `amazonses.com; spf=pass
 * client-ip=...; envelope-from=...; helo=...; dkim=pass header.i=@d; dmarc=pass header.from=d;`.
 * SES puts some SPF properties in `;`-separated parts of their own: a part that does not start
 * with a known method belongs to the clause before it. Never throws.
 */
export function parseAuthResults(value: string): AuthResults {
  const { parts, unterminated } = tokenize(value);
  const authservId = unquote(parts.shift()?.[0] ?? "").toLowerCase();
  const clauses: { method: string; result: string; props: Record<string, string> }[] = [];
  for (const tokens of parts) {
    // `method=result`: the name is a plain token (a quoted string can never name a method).
    const head = /^([a-z0-9_.-]+)=(.+)$/i.exec(tokens[0] ?? "");
    let target: { props: Record<string, string> } | undefined;
    let rest = tokens;
    if (head && METHODS.has(head[1]!.toLowerCase())) {
      const clause = { method: head[1]!.toLowerCase(), result: unquote(head[2]!).toLowerCase(), props: {} as Record<string, string> };
      clauses.push(clause);
      target = clause;
      rest = tokens.slice(1);
    } else {
      target = clauses[clauses.length - 1];
    }
    if (!target) continue;
    for (const t of rest) {
      const kv = /^([a-z0-9_.-]+)=([\s\S]*)$/i.exec(t);
      if (kv && !(kv[1]!.toLowerCase() in target.props)) target.props[kv[1]!.toLowerCase()] = unquote(kv[2]!);
    }
  }
  return unterminated ? { authservId, clauses, malformed: true } : { authservId, clauses };
}

/**
 * SES's own results: the TOPMOST Authentication-Results header of the mail, and only when its
 * authserv-id is amazonses.com. SES prepends its results above everything the sender wrote, so
 * any Authentication-Results below the first was written by the sender or a relay (RFC 8601
 * section 5: trust only your own authserv-id). When the topmost one is not SES's, nothing is
 * believed: undefined.
 */
export function sesAuthResults(headers: readonly RawHeader[]): AuthResults | undefined {
  const top = headers.find((h) => h.name.toLowerCase() === "authentication-results");
  if (!top) return undefined;
  const results = parseAuthResults(top.value);
  return results.authservId === SES_AUTHSERV_ID ? results : undefined;
}

/** The domain a dkim clause vouches for: `header.d`, else the domain of `header.i` (an AUID such as `@mail.d`). */
export function dkimClauseDomain(clause: AuthClause): string {
  if (clause.props["header.d"]) return normalizeDomain(clause.props["header.d"]);
  const i = clause.props["header.i"] ?? "";
  return i.includes("@") ? domainOf(i) : normalizeDomain(i);
}
