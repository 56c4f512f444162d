import { statusRequestFor } from "../../functions/oncall-status/status-request";
import { renderReply } from "../../functions/mail-to-alert/reply/render-reply";
import { templateFor } from "../../functions/mail-to-alert/reply/templates";
import type { ReplyRequest } from "../../functions/reply-sender/contract";
import { alertPayload, NOW, REPLY_KEY, STATUS_CONFIG, webhook } from "../functions/oncall-status/support";

describe("review: names looked up in plain objects", () => {
  // HOLE: templateFor() and the webhook's event.type were looked up in object literals, so "constructor",
  // "toString" or "__proto__" found Object.prototype's members. A language of "constructor" in an alert's
  // reply context (any alert posted to the integration) made every status mail of its group throw in the
  // reply sender: five retries, then the dead-letter queue and its alarm, for a mail that should just be in English.
  it("FIXED: an unknown language that is an Object.prototype member falls back to English", () => {
    for (const language of ["constructor", "__proto__", "toString", "hasOwnProperty"]) expect(templateFor(language).locale).toBe("en-US");
  });

  it("FIXED: a status mail whose payload names such a language renders", () => {
    const w = webhook("acknowledge", { alert_payload: alertPayload({ reply: { from: STATUS_CONFIG.addresses[0]!, to: "cto@acme-shop.example", cc: [], language: "constructor", references: [], reference: "4BAEB1A7" } }) });
    const r = statusRequestFor(w, STATUS_CONFIG, NOW, [REPLY_KEY]);
    expect(r.ok).toBe(true);
    expect(renderReply((r as { request: ReplyRequest }).request).text).toContain("acknowledged your message");
  });

  it("FIXED: an event type that is an Object.prototype member is not a status event", () => {
    for (const type of ["constructor", "toString", "__proto__"]) {
      const r = statusRequestFor(webhook("acknowledge", { event: { type, time: "2026-11-27T15:04:00Z" } }), STATUS_CONFIG, NOW, [REPLY_KEY]);
      expect(r.ok ? "queued" : r.reason).toBe("NOT_A_STATUS_EVENT");
    }
  });
});
