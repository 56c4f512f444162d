import { CANARY_HEADER, signCanary } from "../mail-to-alert/canary";

export interface CanaryMailInput {
  readonly slug: string;
  readonly from: string;
  readonly to: string;
  readonly key: string;
  readonly now: Date;
  /** 32 hex characters, fresh per mail. */
  readonly nonce: string;
}

/** RFC 5322 date in UTC ("Tue, 01 Dec 2026 06:00:00 +0000"). */
function rfc5322Date(d: Date): string {
  return d.toUTCString().replace("GMT", "+0000");
}

/**
 * The canary mail, as raw RFC 5322 bytes (CRLF). Pure. Marked automatic (Auto-Submitted) so no
 * auto-responder answers it; the signed header is the only thing the receiving function trusts.
 */
export function composeCanaryMail(input: CanaryMailInput): string {
  const t = Math.floor(input.now.getTime() / 1000);
  const header = signCanary(input.key, { event: input.slug, to: input.to, t, nonce: input.nonce });
  const domain = input.from.slice(input.from.lastIndexOf("@") + 1);
  const lines = [
    `From: email-to-oncall canary <${input.from}>`,
    `To: <${input.to}>`,
    `Subject: [canary] email-to-oncall ${input.slug} ${input.now.toISOString()}`,
    `Date: ${rfc5322Date(input.now)}`,
    `Message-ID: <canary.${input.nonce}.${t}@${domain}>`,
    "Auto-Submitted: auto-generated",
    `${CANARY_HEADER}: ${header}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 7bit",
    "",
    `This is the email-to-oncall canary of event ${input.slug}: it proves that mail sent to ${input.to}`,
    "reaches the function. It is counted, never paged. If you read this in a mailbox, a forwarding",
    "rule copies the event address somewhere; nothing needs to be done (docs/operations.md: the canary).",
    "",
  ];
  return lines.join("\r\n");
}
