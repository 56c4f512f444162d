import { statusConfigOf } from "../../functions/oncall-status/contract";
import { statusRequestFor } from "../../functions/oncall-status/status-request";
import { withConfig } from "../functions/support/config";
import { alertPayload, NOW, REPLY_KEY, STATUS_CONFIG, webhook } from "../functions/oncall-status/support";

describe("review: whom a status mail can be copied to", () => {
  // HOLE: status-request.ts checked `reply.to` against the trusted senders ("an alert someone posted with the
  // integration URL cannot aim mail anywhere") but copied `reply.cc` from the alert_payload as it came. Anyone
  // who can post an alert to the integration (its URL leaked) or forge a webhook (one leaked POST carries the
  // shared secret) sets cc to 20 strangers per alert group: the line mails them, DKIM-signed as the event, each
  // time a responder acknowledges or resolves. A spam relay through status mails.
  const spoofed = (cc: string[]) => webhook("acknowledge", { alert_payload: alertPayload({ reply: { from: STATUS_CONFIG.addresses[0]!, to: "cto@acme-shop.example", cc, language: "en", references: [], reference: "4BAEB1A7" } }) });

  it("FIXED: cc addresses that are not the event's or a customer's configured contacts are not copied", () => {
    const r = statusRequestFor(spoofed(["victim1@elsewhere.example", "ops-lead@acme-shop.example", "victim2@elsewhere.example"]), STATUS_CONFIG, NOW, [REPLY_KEY]);
    expect(r.ok && r.request.cc).toEqual(["ops-lead@acme-shop.example"]);
  });

  it("FIXED: the contacts come from the config: the event's replies.cc and every customer's contacts", () => {
    const config = withConfig({
      replies: { phone: "+15555550100", intervalSeconds: 900, outsideWindow: false, language: "en", cc: ["desk@platform.example"] },
      customers: [
        {
          slug: "acme-shop",
          name: "Acme Shop",
          tier: "gold",
          language: "en",
          contacts: ["incidents@acme-shop.example"],
          notes: {},
          trustedSenders: { addresses: ["cto@acme-shop.example"], domains: [], relays: [] },
          aliases: [],
        },
      ],
    });
    const status = statusConfigOf(config);
    expect(status.contacts).toEqual(["desk@platform.example"]);
    expect(status.customerContacts?.map((c) => c.contacts)).toEqual([["incidents@acme-shop.example"]]);
    const forged = webhook("acknowledge", {
      alert_payload: alertPayload({ event: { slug: config.slug, title: config.title, customer: config.customer }, reply: { from: config.addresses[0]!, to: "cto@acme-shop.example", cc: ["INCIDENTS@acme-shop.example", "spam-target@elsewhere.example"], language: "en", references: [], reference: "4BAEB1A7" } }),
    });
    const r = statusRequestFor(forged, status, NOW, [REPLY_KEY]);
    expect(r.ok && r.request.cc).toEqual(["incidents@acme-shop.example"]);
  });
});
