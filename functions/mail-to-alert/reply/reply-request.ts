import type { ReplyRequest } from "../../reply-sender/contract";
import type { FunctionRuntimeConfig, ReplyContext } from "../contract";
import type { MailFacts } from "../mail-facts";
import type { ReplyDecision } from "./decide-reply";

/** The reference a customer quotes: the thread's alert group key, short and readable (8 hex digits). */
export function shortReference(alertUid: string): string {
  const digest = alertUid.slice(alertUid.lastIndexOf(":") + 1);
  return digest.slice(0, 8).toUpperCase();
}

export interface ReplyRequestInput {
  readonly decision: Extract<ReplyDecision, { reply: true }>;
  readonly config: FunctionRuntimeConfig;
  readonly facts: Pick<MailFacts, "subject" | "messageId" | "references">;
  /** SES message id: one reply per mail across retries and duplicate deliveries. */
  readonly sesMessageId: string;
  /** The thread's grouping key (grouping.ts): at most one reply per thread per interval. */
  readonly threadKey: string;
  /** When the page went out (or the mail arrived, when nothing was paged). */
  readonly at: Date;
  /**
   * The customer's own language and contacts (issue 13: the customer registry); they replace the
   * event's default language and cc.
   * @default the event's `replies.language` and `replies.cc`
   */
  readonly customer?: { readonly language?: string; readonly cc?: readonly string[] };
}

/** The thread's root and its newest ids: enough to thread, bounded whatever the mail carried. */
function keptReferences(references: readonly string[]): string[] {
  const ids = references.filter((r) => r.length <= 250).slice(0, 1000);
  return ids.length > 20 ? [ids[0]!, ...ids.slice(-19)] : ids;
}

/** What goes on the reply queue for a mail that gets a reply (settings must be present). */
export function replyRequestFor(input: ReplyRequestInput): ReplyRequest {
  const { decision, config, facts } = input;
  const settings = config.replies!;
  return {
    version: 1,
    kind: decision.kind,
    onceKey: `mail:${input.sesMessageId}`,
    thread: { key: `thread:${input.threadKey}`, intervalSeconds: settings.intervalSeconds },
    from: decision.from,
    to: decision.to,
    cc: [...(input.customer?.cc ?? settings.cc)],
    language: input.customer?.language ?? settings.language,
    subject: facts.subject.slice(0, 900),
    messageId: facts.messageId,
    references: keptReferences(facts.references),
    reference: shortReference(input.threadKey),
    at: input.at.toISOString(),
    paged: decision.paged,
    event: { title: config.title, customer: config.customer, timeZone: config.window.timeZone, window: { start: config.window.start, end: config.window.end } },
    phone: settings.phone,
    ...(settings.closedHelp ? { closedHelp: settings.closedHelp } : {}),
  };
}

/** What the alert carries for the status mails of its group (AlertPayload.reply). */
export function replyContextOf(request: ReplyRequest): ReplyContext {
  return { from: request.from, to: request.to, cc: request.cc, language: request.language, references: request.references, reference: request.reference };
}
