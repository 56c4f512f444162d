import { statusRequestFor } from "../../functions/oncall-status/status-request";
import { alertPayload, NOW, REPLY_KEY, STATUS_CONFIG, webhook } from "../functions/oncall-status/support";

describe("review: whom a status mail can be addressed to", () => {
  // HOLE: status-request.ts refused only a `stranger` recipient; trustOf() also answers `colleague` for any
  // unlisted address at a listed sender's organisation (or a subdomain of it). Colleagues never get an
  // acknowledgement (their mail is the notify lane), so a payload naming one is forged: posted with a leaked
  // integration URL, or a webhook forged with a leaked secret. It aimed the line's status mails at any
  // mailbox of the customer's organisation (ceo@, all-staff@, a distribution list).
  const to = (address: string) => webhook("resolve", { event: { type: "resolve", time: "2026-11-27T15:04:00Z" }, alert_payload: alertPayload({ reply: { from: STATUS_CONFIG.addresses[0]!, to: address, cc: [], language: "en", references: [], reference: "4BAEB1A7" } }) });

  it("FIXED: an unlisted colleague of a trusted sender gets no status mail", () => {
    for (const address of ["all-staff@acme-shop.example", "ceo@eu.acme-shop.example"]) {
      const r = statusRequestFor(to(address), STATUS_CONFIG, NOW, [REPLY_KEY]);
      expect(r.ok ? "queued" : r.reason).toBe("RECIPIENT_NOT_TRUSTED");
    }
  });

  it("a listed address or an address at a listed domain still gets it", () => {
    for (const address of ["cto@acme-shop.example", "oncall@ops.acme-shop.example"]) {
      const r = statusRequestFor(to(address), STATUS_CONFIG, NOW, [REPLY_KEY]);
      expect(r.ok && r.request.to).toBe(address);
    }
  });
});
