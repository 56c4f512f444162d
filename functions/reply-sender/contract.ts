/**
 * Contracts of the reply-sender function: the environment its construct sets
 * (lib/aws/reply-pipeline.ts) and the reply request the mail-to-alert and status functions put on
 * its queue. Change both sides together. No runtime dependencies: the library imports this file.
 */

/** The event's addresses (comma-separated, lower-case): the only From a reply may carry. */
export const ENV_REPLY_FROM_ADDRESSES = "REPLY_FROM_ADDRESSES";
/** DynamoDB table of the idempotency records (one per mail or status, one per thread and interval). */
export const ENV_REPLY_TABLE = "REPLY_TABLE_NAME";
/** Event slug: the `Event` dimension of the metrics. */
export const ENV_REPLY_EVENT_SLUG = "EVENT_SLUG";

/** What a reply says: the acknowledgement of a page, the closed line, or a status change in OnCall. */
export type ReplyKind = "acknowledgement" | "outside-window" | "acknowledged" | "resolved" | "unresolved";

/**
 * One reply to send, with everything its text needs, so the sender renders it with no config of
 * its own (per-customer language and cc are resolved by whoever queues it). JSON on the queue.
 */
export interface ReplyRequest {
  readonly version: 1;
  readonly kind: ReplyKind;
  /** Idempotency: at most one reply per key, across retries and duplicate deliveries (`mail:<SES id>`, `status:<group>:<state>`). */
  readonly onceKey: string;
  /** Rate limit: at most one reply per thread key per interval. Absent: not rate-limited (status mails). */
  readonly thread?: { readonly key: string; readonly intervalSeconds: number };
  /** The event address the customer wrote to. */
  readonly from: string;
  /** The authenticated sender. */
  readonly to: string;
  readonly cc: readonly string[];
  /** Template language (unknown ones fall back to English). */
  readonly language: string;
  /** The customer's subject (the reply's is `Re:` it). */
  readonly subject: string;
  /** The customer's Message-ID (`<id@host>`), for In-Reply-To and References. */
  readonly messageId?: string;
  /** The customer's References header ids. */
  readonly references: readonly string[];
  /** The short reference the customer can quote. */
  readonly reference: string;
  /** When it happened (paged, acknowledged, resolved), ISO-8601. */
  readonly at: string;
  /** Who acknowledged (a first name), for `acknowledged`. */
  readonly by?: string;
  /** Outside-window replies: whether the on-call team was paged all the same. */
  readonly paged?: boolean;
  readonly event: {
    readonly title: string;
    readonly customer: string;
    readonly timeZone: string;
    readonly window: { readonly start: string; readonly end: string };
  };
  /** What to do when it is urgent beyond mail. */
  readonly phone: string;
  /** Where to go while the line is closed. @default phone */
  readonly closedHelp?: string;
}
