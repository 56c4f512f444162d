import * as z from "zod/mini";
import type { ReplyRequest } from "./contract";

// The queue's message body, checked before anything is sent: a request that does not parse goes
// back to the queue (and, after its retries, to the dead-letter queue that alarms), never out.

const text = (max: number) => z.string().check(z.maxLength(max));
const address = z.string().check(z.regex(/^[^@\s<>,;"]{1,64}@[^@\s<>,;"]{1,255}$/, { message: "must be a bare e-mail address" }));
const iso = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), { message: "must be an ISO-8601 time" }));

export const replyRequestSchema = z.strictObject({
  version: z.literal(1),
  kind: z.enum(["acknowledgement", "outside-window", "acknowledged", "resolved", "unresolved"]),
  onceKey: z.string().check(z.minLength(1), z.maxLength(512)),
  thread: z.optional(z.strictObject({ key: z.string().check(z.minLength(1), z.maxLength(512)), intervalSeconds: z.int().check(z.minimum(1), z.maximum(604800)) })),
  from: address,
  to: address,
  cc: z.array(address).check(z.maxLength(20)),
  language: text(35),
  subject: text(4000),
  messageId: z.optional(text(1000)),
  references: z.array(text(1000)).check(z.maxLength(200)),
  reference: text(64),
  at: iso,
  by: z.optional(text(100)),
  paged: z.optional(z.boolean()),
  event: z.strictObject({
    title: text(200),
    customer: text(200),
    timeZone: text(100),
    window: z.strictObject({ start: iso, end: iso }),
  }),
  phone: text(200),
  closedHelp: z.optional(text(500)),
});

/** The request in a queue message body; throws naming the first problem. */
export function parseReplyRequest(body: string): ReplyRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    throw new Error(`reply request is not JSON (${(e as Error).message})`);
  }
  const r = replyRequestSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`reply request is invalid: ${i.path.join(".") || "(root)"}: ${i.message}`);
  }
  return r.data as ReplyRequest;
}
