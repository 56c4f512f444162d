import type { PermanentFailure } from "../../functions/mail-to-alert/dead-letter";

/**
 * SES events out of dead-letter messages. The event's on-failure destination (SQS) receives
 * `{ requestContext, requestPayload, responsePayload, ... }` where `requestPayload` is the original
 * SES event, verdicts and envelope recipients included. The function's own record of a permanent
 * delivery failure has the same shape plus `failure` (functions/mail-to-alert/dead-letter.ts).
 * Accepted inputs: one such record, one SQS message (`{ Body }` / `{ body }`), or the output of
 * `aws sqs receive-message` (`{ Messages: [...] }`).
 */
export interface DeadLetter {
  /** The original SES Lambda event, as SES sent it. */
  readonly event: { Records: unknown[] };
  readonly messageId: string;
  /** SQS receipt handle when known (to delete the message after a successful replay). */
  readonly receiptHandle?: string;
  readonly condition?: string;
  /** Present when the function itself dead-lettered the event (a permanent delivery failure). */
  readonly failure?: PermanentFailure;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function fromRecord(record: unknown, receiptHandle?: string): DeadLetter {
  if (!isObj(record) || !isObj(record.requestPayload)) throw new Error("not a Lambda on-failure record: requestPayload (the original SES event) is missing");
  const payload = record.requestPayload;
  const records = payload.Records;
  if (!Array.isArray(records) || records.length === 0) throw new Error("requestPayload has no Records: not an SES event");
  const first = records[0] as Obj;
  const ses = isObj(first.ses) ? first.ses : undefined;
  const mail = ses && isObj(ses.mail) ? ses.mail : undefined;
  const messageId = mail && typeof mail.messageId === "string" ? mail.messageId : undefined;
  if (!messageId) throw new Error("requestPayload has no ses.mail.messageId");
  const ctx = isObj(record.requestContext) ? record.requestContext : {};
  const failure = isObj(record.failure) && record.failure.kind === "permanent" ? (record.failure as unknown as PermanentFailure) : undefined;
  return { event: payload as { Records: unknown[] }, messageId, receiptHandle, condition: typeof ctx.condition === "string" ? ctx.condition : undefined, ...(failure ? { failure } : {}) };
}

function fromMessage(msg: Obj): DeadLetter {
  const body = msg.Body ?? msg.body;
  const handle = (msg.ReceiptHandle ?? msg.receiptHandle) as string | undefined;
  return fromRecord(typeof body === "string" ? JSON.parse(body) : body, handle);
}

export function deadLettersFrom(json: unknown): DeadLetter[] {
  if (isObj(json) && Array.isArray(json.Messages)) return json.Messages.map((m) => fromMessage(m as Obj));
  if (isObj(json) && Array.isArray(json.Records) && json.Records.every((r) => isObj(r) && ("body" in r || "Body" in r))) return json.Records.map((m) => fromMessage(m as Obj));
  if (isObj(json) && ("Body" in json || "body" in json)) return [fromMessage(json)];
  return [fromRecord(json)];
}
