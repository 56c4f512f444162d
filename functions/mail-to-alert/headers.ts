/** A header as both SES (`mail.headers`) and postal-mime (`headers`) give it: raw, unfolded value. */
export interface RawHeader {
  readonly name: string;
  readonly value: string;
}

/** Every value of a header, in order (names compared case-insensitively). */
export function headerValues(headers: readonly RawHeader[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}

export function firstHeader(headers: readonly RawHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/**
 * The header section of a raw mail, unfolded, in order. A plain splitter that cannot fail: it
 * reads the headers when the MIME parser gave up, so a trusted mail the parser cannot read is still
 * decided on its full headers (never on SES's copy, which SES truncates at 50 KB).
 * Header bytes may be raw UTF-8 (SMTPUTF8): read as latin1 to split, then decoded as UTF-8.
 */
export function splitHeaderSection(raw: Uint8Array, limitBytes = 1024 * 1024): RawHeader[] {
  const head = Buffer.from(raw.subarray(0, Math.min(raw.length, limitBytes))).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const section = end >= 0 ? head.slice(0, end) : head;
  const headers: { name: string; value: string }[] = [];
  for (const line of section.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) {
      const last = headers[headers.length - 1]!;
      last.value = `${last.value} ${Buffer.from(line.trim(), "latin1").toString("utf8")}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: Buffer.from(line.slice(colon + 1).trim(), "latin1").toString("utf8") });
  }
  return headers;
}

/**
 * Removes RFC 5322 comments (they nest; quoted strings and backslash escapes are respected) in one
 * pass: linear in the length whatever the nesting, since any outsider's header reaches it.
 */
export function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\") {
      if (depth === 0) out += c + (value[i + 1] ?? "");
      i++;
    } else if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === "(") {
      if (depth === 0) out += " ";
      depth++;
    } else if (c === ")" && depth > 0) {
      depth--;
    } else if (depth === 0) {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out;
}
