import PostalMime from "postal-mime";
import { repairC1 } from "./windows-1252-repair";
import type { RawHeader } from "./headers";

export interface AttachmentSummary {
  readonly filename: string;
  readonly content_type: string;
  readonly size: number;
}

export interface ParsedMail {
  readonly headers: readonly RawHeader[];
  readonly text?: string;
  readonly html?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly attachments: readonly AttachmentSummary[];
  /**
   * Media types of the top-level MIME parts (the direct children of the mail's own multipart):
   * a DSN's message/delivery-status shows here, one inside a forwarded message does not.
   */
  readonly partTypes: readonly string[];
}

export type ParseResult = { readonly ok: true; readonly mail: ParsedMail } | { readonly ok: false; readonly error: string };

type Address = NonNullable<PostalMime.Email["to"]>[number];

function flatten(list: readonly Address[] | undefined): string[] {
  const out: string[] = [];
  for (const a of list ?? []) {
    if (a.group) out.push(...a.group.map((m) => m.address).filter((x) => !!x));
    else if (a.address) out.push(a.address);
  }
  return out.map((x) => x.toLowerCase());
}

function byteLength(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
}

const MAX_TOP_LEVEL_PARTS = 200;

/**
 * The media types of the direct children of the mail's top-level multipart, read from the raw
 * bytes (postal-mime flattens nested messages, so its list cannot tell a bounce from a forwarded
 * bounce). Bounded: at most 200 parts, 8 KB of headers each.
 */
export function topLevelPartTypes(raw: Uint8Array, contentType: string | undefined): string[] {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return [];
  const m = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return [];
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const delimiter = Buffer.from(`\n--${boundary}`, "latin1");
  const types: string[] = [];
  for (let at = bytes.indexOf(delimiter); at >= 0 && types.length < MAX_TOP_LEVEL_PARTS; at = bytes.indexOf(delimiter, at + delimiter.length)) {
    const after = at + delimiter.length;
    if (bytes[after] === 0x2d && bytes[after + 1] === 0x2d) break; // closing delimiter "--boundary--"
    const head = bytes.subarray(after, Math.min(bytes.length, after + 8192)).toString("latin1");
    const end = head.search(/\r?\n\r?\n/);
    const section = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, " ");
    const type = /(?:^|\n)content-type\s*:\s*([^;\s]+)/i.exec(section)?.[1]?.toLowerCase();
    types.push(type ?? "text/plain");
  }
  return types;
}

/**
 * postal-mime over the raw bytes. Never throws: a mail the parser rejects (nesting or header
 * limits, garbage) is reported as a failure so the handler can still page from the SES headers.
 */
export async function parseMail(raw: Uint8Array): Promise<ParseResult> {
  try {
    // Nested message/rfc822 parts stay attachments: a forwarded mail's own text is in the body anyway.
    const email = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer", maxNestingDepth: 50, maxRfc822NestingDepth: 3 });
    if (email.headers.length === 0) return { ok: false, error: "no header section" };
    return {
      ok: true,
      mail: {
        headers: email.headers.map((h) => ({ name: h.originalKey, value: h.value })),
        text: repairC1(email.text),
        html: repairC1(email.html),
        to: flatten(email.to),
        cc: flatten(email.cc),
        partTypes: topLevelPartTypes(raw, email.headers.find((h) => h.key === "content-type")?.value),
        attachments: email.attachments.map((a) => ({
          filename: repairC1(a.filename ?? undefined) ?? (a.mimeType === "message/rfc822" ? "forwarded-message.eml" : "(unnamed)"),
          content_type: a.mimeType,
          size: byteLength(a.content),
        })),
      },
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.slice(0, 200) : "parser failed" };
  }
}
