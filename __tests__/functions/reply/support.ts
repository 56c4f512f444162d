import type { FunctionRuntimeConfig, ReplySettings } from "../../../functions/mail-to-alert/contract";
import type { ReplyRequest } from "../../../functions/reply-sender/contract";
import { testConfig } from "../support/config";

export const SETTINGS: ReplySettings = { phone: "+15555550100", intervalSeconds: 3600, outsideWindow: true, language: "en", cc: [] };
export const replyConfig: FunctionRuntimeConfig = { ...testConfig, replies: SETTINGS };

/** A reply request as the mail-to-alert function queues it for the example event. */
export function request(over: Partial<ReplyRequest> = {}): ReplyRequest {
  return {
    version: 1,
    kind: "acknowledgement",
    onceKey: "mail:ses-1",
    thread: { key: "thread:black-friday-2026:abc", intervalSeconds: 3600 },
    from: "black-friday-2026@oncall.example.com",
    to: "cto@acme-shop.example",
    cc: [],
    language: "en",
    subject: "Checkout is down",
    messageId: "<m1@acme-shop.example>",
    references: [],
    reference: "4BAEB1A7",
    at: "2026-11-27T15:00:00.000Z",
    event: { title: "Black Friday 2026", customer: "Acme Shop", timeZone: "America/New_York", window: { start: "2026-11-26T23:00:00.000Z", end: "2026-12-01T11:00:00.000Z" } },
    phone: "+15555550100",
    ...over,
  };
}
