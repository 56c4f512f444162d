import type { Logger } from "../mail-to-alert/log";
import { renderReply } from "../mail-to-alert/reply/render-reply";
import { toMime } from "../mail-to-alert/reply/mime";
import { describeNetworkError } from "../mail-to-alert/deliver";
import type { ReplyRequest } from "./contract";
import { parseReplyRequest } from "./request-schema";
import { IdempotencyStore, sendOnce, SendOnceResult } from "./send-once";

/** Sends one raw mail (SES v2 SendEmail with raw content in Lambda, a folder or SMTP sink locally). */
export interface MailSender {
  send(mail: { readonly from: string; readonly to: readonly string[]; readonly raw: Buffer }): Promise<void>;
}

export interface ReplySenderDeps {
  /** The event's addresses: the only From a reply may carry (IAM says the same with ses:FromAddress). */
  readonly fromAddresses: readonly string[];
  readonly store: IdempotencyStore;
  readonly sender: MailSender;
  readonly log: Logger;
  readonly now?: () => number;
}

/** A request that can never be sent as it is (its message is ours and safe to log). */
export class ReplyRejected extends Error {
  override readonly name = "ReplyRejected";
}

export interface SqsRecord {
  readonly messageId: string;
  readonly body: string;
}

export interface SqsBatchResponse {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

/** One request: validate, render, send once. Throws on anything a retry may heal or a human must see. */
export function createReplySender(deps: ReplySenderDeps) {
  const now = deps.now ?? Date.now;
  const allowed = new Set(deps.fromAddresses.map((a) => a.toLowerCase()));
  const { log } = deps;

  async function sendRequest(request: ReplyRequest): Promise<SendOnceResult> {
    if (!allowed.has(request.from.toLowerCase())) throw new ReplyRejected(`reply From ${request.from} is not an address of this event`);
    const reply = renderReply(request);
    const raw = toMime(reply, new Date(now()));
    const result = await sendOnce(request, { store: deps.store, now, send: () => deps.sender.send({ from: reply.from, to: [reply.to, ...reply.cc], raw }) });
    const fields = { kind: request.kind, onceKey: request.onceKey, reference: request.reference, reason: result };
    if (result === "REPLY_SENT") {
      log.info("reply sent", fields);
      log.count("RepliesSent", { Kind: request.kind });
    } else {
      log.info("reply not sent", fields);
      log.count("RepliesSkipped", { Reason: result });
    }
    return result;
  }

  /** SQS event (batch size 1 in the stack, but any size works): failed records are reported, not thrown. */
  async function handle(event: { readonly Records?: readonly SqsRecord[] }): Promise<SqsBatchResponse> {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records ?? []) {
      try {
        let request: ReplyRequest;
        try {
          request = parseReplyRequest(record.body);
        } catch (e) {
          throw new ReplyRejected((e as Error).message);
        }
        await sendRequest(request);
      } catch (e) {
        log.error("reply failed; the queue retries it, then dead-letters it", { sqsMessageId: record.messageId, error: describeNetworkError(e), ...(e instanceof ReplyRejected ? { detail: e.message } : {}) });
        log.count("ReplyFailures");
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  }

  return { handle, sendRequest };
}
