import type { AlertPayload } from "../../../functions/mail-to-alert/contract";
import type { StatusConfig } from "../../../functions/oncall-status/contract";
import { signReply, type SignedAlertFields } from "../../../functions/mail-to-alert/reply/reply-signature";

/** The reply-context key of these tests (the deployed one is a random_password in SSM). */
export const REPLY_KEY = "test-reply-context-key-0123456789abcdef";

export const STATUS_CONFIG: StatusConfig = {
  slug: "black-friday-2026",
  title: "Black Friday 2026",
  customer: "Acme Shop",
  addresses: ["black-friday-2026@oncall.example.com"],
  window: { start: "2026-11-26T23:00:00.000Z", end: "2026-12-01T11:00:00.000Z", timeZone: "America/New_York" },
  trustedSenders: { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"] },
  contacts: ["ops-lead@acme-shop.example"],
  phone: "+15555550100",
  maxAgeSeconds: 900,
};

export const NOW = Date.parse("2026-11-27T15:10:00Z");

/**
 * The first alert of the group as mail-to-alert posted it (the fields the status function reads),
 * its reply context signed with REPLY_KEY over the final fields (as the mail function does), unless
 * `unsigned` (what a forger without the key can post).
 */
export function alertPayload(over: Partial<AlertPayload> = {}, { unsigned = false, key = REPLY_KEY } = {}): Partial<AlertPayload> {
  const p = unsignedAlertPayload(over);
  return p.reply && !unsigned ? (signReply(p as SignedAlertFields, key) as Partial<AlertPayload>) : p;
}

function unsignedAlertPayload(over: Partial<AlertPayload>): Partial<AlertPayload> {
  return {
    version: 1,
    event: { slug: "black-friday-2026", title: "Black Friday 2026", customer: "Acme Shop" },
    lane: "page",
    alert_uid: "black-friday-2026:4baeb1a7aaaa",
    subject: "Checkout is down",
    from: { address: "cto@acme-shop.example", name: "Jane Doe" },
    message_id: "plain-1@acme-shop.example",
    reply: { from: "black-friday-2026@oncall.example.com", to: "cto@acme-shop.example", cc: ["ops-lead@acme-shop.example"], language: "en", references: [], reference: "4BAEB1A7" },
    ...over,
  };
}

/** An OnCall outgoing-webhook body (engine apps/webhooks: serialize_event). */
export function webhook(type = "acknowledge", over: Record<string, unknown> = {}) {
  return {
    event: { type, time: "2026-11-27T15:04:00Z" },
    user: { id: "U1", username: "alice.smith", email: "alice@platform.example" },
    alert_group: { id: "IGROUP1", state: type === "resolve" ? "resolved" : "acknowledged", acknowledged_at: "2026-11-27T15:04:00Z", resolved_at: null },
    alert_group_id: "IGROUP1",
    alert_payload: alertPayload(),
    integration: { id: "CINTEG", type: "webhook", name: "bf e-mail" },
    ...over,
  };
}
