import type { CustomerConfig } from "../../functions/mail-to-alert/contract";
import { statusConfigOf } from "../../functions/oncall-status/contract";
import { statusRequestFor } from "../../functions/oncall-status/status-request";
import { withConfig } from "../functions/support/config";
import { alertPayload, NOW, REPLY_KEY, webhook } from "../functions/oncall-status/support";

const customer = (slug: string, sender: string, contact: string): CustomerConfig => ({
  slug, name: slug, tier: "gold", language: "en", contacts: [contact], notes: {}, aliases: [],
  trustedSenders: { addresses: [sender], domains: [], relays: [] },
});

describe("review: one customer's contacts on another customer's status mail", () => {
  // HOLE: with cc limited to configured contacts (status-cc-from-payload), the set was still the union of every
  // customer's contacts. A forged alert_payload aimed at Globex's sender could copy Acme's incident desk, which
  // then read Globex's incident subject: a leak between customers of one line.
  const config = withConfig({
    trustedSenders: { addresses: ["lead@platform.example"], domains: [], relays: [] },
    replies: { phone: "+15555550100", intervalSeconds: 900, outsideWindow: false, language: "en", cc: ["desk@platform.example"] },
    customers: [customer("acme-shop", "cto@acme-shop.example", "incidents@acme-shop.example"), customer("globex", "it@globex.example", "noc@globex.example")],
  });
  const to = (address: string, cc: string[]) =>
    webhook("acknowledge", { alert_payload: alertPayload({ event: { slug: config.slug, title: config.title, customer: config.customer }, reply: { from: config.addresses[0]!, to: address, cc, language: "en", references: [], reference: "4BAEB1A7" } }) });

  it("FIXED: a status mail to a customer's sender copies that customer's contacts only (as its acknowledgement did), no other customer's", () => {
    const all = ["incidents@acme-shop.example", "noc@globex.example", "desk@platform.example"];
    const globex = statusRequestFor(to("it@globex.example", all), statusConfigOf(config), NOW, [REPLY_KEY]);
    expect(globex.ok && globex.request.cc).toEqual(["noc@globex.example"]);
    const acme = statusRequestFor(to("cto@acme-shop.example", all), statusConfigOf(config), NOW, [REPLY_KEY]);
    expect(acme.ok && acme.request.cc).toEqual(["incidents@acme-shop.example"]);
    // The event's own staff get the event's contacts.
    const staff = statusRequestFor(to("lead@platform.example", all), statusConfigOf(config), NOW, [REPLY_KEY]);
    expect(staff.ok && staff.request.cc).toEqual(["desk@platform.example"]);
  });
});
