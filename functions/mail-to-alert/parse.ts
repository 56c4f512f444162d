import PostalMime from "postal-mime";
import { repairC1 } from "./c1-repair";
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
  /** Media types of the attachments and inline parts (a DSN's message/delivery-status shows here). */
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
        partTypes: email.attachments.map((a) => a.mimeType.toLowerCase()),
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
