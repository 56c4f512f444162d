import type { AuthStatus } from "./contract";

/** The parts of the SES receipt-rule Lambda event this function reads (see FACTS.md). */
export interface SesHeader {
  readonly name: string;
  readonly value: string;
}

export interface SesMail {
  readonly timestamp: string;
  /** Envelope MAIL FROM; empty for a null return path. */
  readonly source: string;
  readonly messageId: string;
  readonly destination: readonly string[];
  readonly headersTruncated: boolean;
  readonly headers: readonly SesHeader[];
  readonly commonHeaders: {
    readonly from?: readonly string[];
    readonly to?: readonly string[];
    readonly cc?: readonly string[];
    readonly subject?: string;
    readonly messageId?: string;
    readonly date?: string;
    readonly returnPath?: string;
  };
}

export interface Verdicts {
  readonly spf: AuthStatus;
  readonly dkim: AuthStatus;
  readonly dmarc: AuthStatus;
  readonly spam: AuthStatus;
  readonly virus: AuthStatus;
}

export interface SesReceipt {
  /** Envelope RCPT TO addresses the rule matched, lower-cased. */
  readonly recipients: readonly string[];
  readonly verdicts: Verdicts;
}

export interface SesMessage {
  readonly mail: SesMail;
  readonly receipt: SesReceipt;
}

const STATUSES: readonly AuthStatus[] = ["PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED"];

/** Unknown or missing verdicts count as "not checked" so they can never make a mail look authenticated. */
function status(v: unknown): AuthStatus {
  const s = typeof v === "object" && v !== null ? (v as { status?: unknown }).status : undefined;
  return typeof s === "string" && (STATUSES as readonly string[]).includes(s.toUpperCase()) ? (s.toUpperCase() as AuthStatus) : "DISABLED";
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export class MalformedEventError extends Error {
  override readonly name = "MalformedEventError";
}

/**
 * Reads the first record of an SES Lambda-action event defensively: SES always sends one record,
 * but a hand-made test event or a future field change must give a clear drop reason, not a crash.
 */
export function readSesMessage(event: unknown): SesMessage {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records) || records.length === 0) throw new MalformedEventError("event has no Records");
  const ses = (records[0] as { ses?: unknown } | null)?.ses as { mail?: Record<string, unknown>; receipt?: Record<string, unknown> } | undefined;
  const mail = ses?.mail;
  const receipt = ses?.receipt;
  if (!mail || typeof mail !== "object" || !receipt || typeof receipt !== "object") throw new MalformedEventError("Records[0].ses.mail/receipt missing");
  const messageId = str(mail.messageId);
  if (!messageId || !/^[A-Za-z0-9_.-]+$/.test(messageId)) throw new MalformedEventError("mail.messageId missing or not a plain object-key token");
  const common = (typeof mail.commonHeaders === "object" && mail.commonHeaders !== null ? mail.commonHeaders : {}) as Record<string, unknown>;
  const headers = Array.isArray(mail.headers)
    ? mail.headers
        .filter((h): h is { name: string; value: string } => typeof h?.name === "string" && typeof h?.value === "string")
        .map((h) => ({ name: h.name, value: h.value }))
    : [];
  return {
    mail: {
      timestamp: str(mail.timestamp) ?? "",
      source: str(mail.source) ?? "",
      messageId,
      destination: strList(mail.destination),
      headersTruncated: mail.headersTruncated === true,
      headers,
      commonHeaders: {
        from: strList(common.from),
        to: strList(common.to),
        cc: strList(common.cc),
        subject: str(common.subject),
        messageId: str(common.messageId),
        date: str(common.date),
        returnPath: str(common.returnPath),
      },
    },
    receipt: {
      recipients: strList(receipt.recipients).map((r) => r.toLowerCase()),
      verdicts: {
        spf: status(receipt.spfVerdict),
        dkim: status(receipt.dkimVerdict),
        dmarc: status(receipt.dmarcVerdict),
        spam: status(receipt.spamVerdict),
        virus: status(receipt.virusVerdict),
      },
    },
  };
}

export const SES_SETUP_NOTIFICATION_ID = "AMAZON_SES_SETUP_NOTIFICATION";
