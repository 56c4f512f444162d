import type { ReplyRequest } from "../../reply-sender/contract";
import type { FunctionRuntimeConfig } from "../contract";
import type { Decision, DecisionInput } from "../decide";
import { describeNetworkError } from "../deliver";
import { groupingKey, threadRoot } from "../grouping";
import type { Logger } from "../log";
import type { MailFacts } from "../mail-facts";
import { decideReply, ReplyDecision } from "./decide-reply";
import { replyRequestFor, ReplyRequestInput } from "./reply-request";

/** Where reply requests go: the event's SQS queue in Lambda, the local sender in `npm run local`. */
export interface ReplyQueue {
  send(request: ReplyRequest): Promise<void>;
}

/** What the handler decided about replying to one mail. */
export interface ReplyPlan {
  readonly decision: ReplyDecision;
  /** The request to queue once the page (if any) went out. */
  readonly request?: ReplyRequest;
}

export interface PlanInput {
  readonly input: DecisionInput;
  readonly decision: Decision;
  readonly facts: MailFacts;
  readonly config: FunctionRuntimeConfig;
  /** The alert group key of a page (grouping.ts); computed from the thread otherwise. */
  readonly alertUid?: string;
  readonly delivered: boolean;
  readonly at: Date;
  /**
   * The customer's own reply language and contacts (issue 13, the customer registry): they
   * replace the event's `replies.language` and `replies.cc`. The handler passes them once the
   * decision identifies the customer.
   * @default the event's
   */
  readonly customer?: ReplyRequestInput["customer"];
}

/** Decide (pure) and build the request; the request exists only when the decision is a reply. */
export function planReply(p: PlanInput): ReplyPlan {
  const decision = decideReply({ input: p.input, decision: p.decision, delivered: p.delivered, settings: p.config.replies });
  if (!decision.reply) return { decision };
  const sesId = p.input.envelope.messageId;
  const threadKey = p.alertUid ?? groupingKey(p.config.slug, p.facts.threadHeadersAmbiguous ? `ses:${sesId}` : threadRoot(p.facts, sesId));
  return { decision, request: replyRequestFor({ decision, config: p.config, facts: p.facts, sesMessageId: sesId, threadKey, at: p.at, customer: p.customer }) };
}

/** Longest a reply request may hold up the end of the mail's invocation. */
export const QUEUE_TIMEOUT_MS = 5000;

/**
 * Queues the planned reply. Never throws and never waits long: the page already went out, and a
 * reply that cannot be queued is logged and counted (ReplyQueueFailures, alarmed), not retried by
 * failing the mail's invocation (which would page twice).
 */
export async function queueReply(plan: ReplyPlan, queue: ReplyQueue | undefined, log: Logger, ids: { messageId: string }, timeoutMs = QUEUE_TIMEOUT_MS): Promise<void> {
  const { decision } = plan;
  if (!plan.request || !queue) {
    log.info("no reply", { ...ids, replyReason: decision.reason, detail: decision.detail, ...(plan.request ? { why: "no reply queue configured" } : {}) });
    log.count("RepliesNotQueued", { Reason: plan.request ? "NO_REPLY_QUEUE" : decision.reason });
    return;
  }
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { name: "ReplyQueueTimeout" })), timeoutMs);
    });
    await Promise.race([queue.send(plan.request), timeout]).finally(() => clearTimeout(timer));
    log.info("reply queued", { ...ids, replyReason: decision.reason, kind: plan.request.kind, reference: plan.request.reference });
    log.count("RepliesQueued");
  } catch (e) {
    log.error("reply could not be queued; the page is not affected", { ...ids, replyReason: decision.reason, error: describeNetworkError(e) });
    log.count("ReplyQueueFailures");
  }
}
