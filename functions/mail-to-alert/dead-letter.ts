/**
 * The function's own dead letter for a permanent delivery failure (issue 12): a retry cannot fix
 * a 403 or a 413, so waiting minutes for Lambda's two async retries only delays the moment a
 * human hears about the mail. The handler writes this record to the event's dead-letter queue and
 * returns.
 *
 * The record is shaped like Lambda's own on-failure record (`requestPayload` = the original SES
 * event, `requestContext.condition`), plus a `failure` object, so one reader
 * (tools/replay/dlq.ts), the runbook's `requestPayload.Records[0].ses.mail.messageId` and the
 * queue's alarm treat both alike.
 */

/** The condition our records carry; Lambda's own are RetriesExhausted / EventAgeExceeded. */
export const PERMANENT_FAILURE_CONDITION = "PermanentDeliveryFailure";

export interface PermanentFailure {
  readonly kind: "permanent";
  /** HTTP status OnCall answered. */
  readonly status: number;
  readonly attempts: number;
  /** What the status means and what to fix, for the operator reading the queue. */
  readonly reason: string;
  readonly alertUid: string;
  readonly messageId: string;
  /** ISO-8601 time the function gave up. */
  readonly at: string;
}

export interface DeadLetterRecord {
  readonly version: "1.0";
  readonly timestamp: string;
  readonly requestContext: { readonly requestId?: string; readonly condition: typeof PERMANENT_FAILURE_CONDITION };
  /** The original SES event, exactly as the function received it (verdicts and recipients included). */
  readonly requestPayload: unknown;
  readonly failure: PermanentFailure;
}

/** Where permanently failed events go: the event's SQS queue in Lambda, a folder locally. Errors must throw. */
export interface DeadLetterSink {
  send(record: DeadLetterRecord): Promise<void>;
}

/** What a permanent status means and what to do; the words `npm run replay` and the queue show. */
export function whatToFix(status: number): string {
  switch (status) {
    case 401:
    case 403:
    case 404:
    case 410:
      return `OnCall answered ${status}: the integration URL is wrong or the integration was deleted; re-apply the event stack (it rewrites the URL parameter), then replay`;
    case 413:
      return "OnCall answered 413: the alert is too large; lower the event's bodyMaxChars, re-apply, then replay";
    case 400:
    case 422:
      return `OnCall answered ${status}: it refused the alert's content; check the integration (type webhook, templates) against the function's payload, fix, then replay`;
    default:
      return `OnCall answered ${status}: a retry cannot fix it; check the integration, then replay`;
  }
}

export function deadLetterRecord(event: unknown, failure: Omit<PermanentFailure, "kind" | "reason">, requestId?: string): DeadLetterRecord {
  return {
    version: "1.0",
    timestamp: failure.at,
    requestContext: { requestId, condition: PERMANENT_FAILURE_CONDITION },
    requestPayload: event,
    failure: { kind: "permanent", ...failure, reason: whatToFix(failure.status) },
  };
}
