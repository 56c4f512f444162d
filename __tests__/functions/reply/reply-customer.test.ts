import type { CustomerConfig, FunctionRuntimeConfig } from "../../../functions/mail-to-alert/contract";
import { dryRun } from "../../../tools/lib/dry-run";
import { withConfig } from "../support/config";
import { SETTINGS } from "./support";

// Issue 13 × 14: on a line many customers share, each acknowledgement speaks the customer's
// language and copies the customer's own contacts, never the event's or another customer's.
const customer = (slug: string, over: Partial<CustomerConfig>): CustomerConfig => ({ slug, name: slug, tier: "standard", language: "en", contacts: [], notes: {}, trustedSenders: { addresses: [], domains: [], relays: [] }, aliases: [], ...over });
const ACME = customer("acme-shop", { name: "Acme Shop", contacts: ["incidents@acme-shop.example"], trustedSenders: { addresses: ["cto@acme-shop.example"], domains: [], relays: [] } });
const GLOBEX = customer("globex", { name: "Globex", language: "fr-FR", contacts: ["noc@globex.example"], trustedSenders: { addresses: [], domains: ["*.globex.example"], relays: [] }, aliases: ["globex@oncall.example.com"] });
const config: FunctionRuntimeConfig = withConfig({
  customer: "Acme Shop, Globex",
  addresses: ["black-friday-2026@oncall.example.com", "globex@oncall.example.com"],
  trustedSenders: { addresses: ["lead@platform.example"], domains: [], relays: [] },
  customers: [ACME, GLOBEX],
  replies: { ...SETTINGS, cc: ["account-team@platform.example"] },
});
const AT = new Date("2026-11-27T15:00:00Z");
const mail = (from: string, to = "black-friday-2026@oncall.example.com") => Buffer.from(`From: <${from}>\r\nTo: <${to}>\r\nSubject: Checkout is down\r\nMessage-ID: <m-${from}@x.example>\r\nDate: Fri, 27 Nov 2026 15:00:00 +0000\r\n\r\nHelp.\r\n`);

describe("replies per customer", () => {
  it("a Globex sender gets the acknowledgement in French, copied to Globex's contacts only", async () => {
    const r = await dryRun(mail("ops@eu.globex.example"), config, { timestamp: AT });
    expect(r.outcome).toMatchObject({ action: "page" });
    expect(r.reply).toMatchObject({ to: "ops@eu.globex.example", cc: ["noc@globex.example"], language: "fr-FR" });
    // The status mails follow the same thread settings (they are read from the alert).
    expect(r.payload!.reply).toMatchObject({ cc: ["noc@globex.example"], language: "fr-FR" });
  });

  it("an Acme sender gets English with Acme's contacts; neither sees the other's people nor the event's cc", async () => {
    const r = await dryRun(mail("cto@acme-shop.example"), config, { timestamp: AT });
    expect(r.reply).toMatchObject({ to: "cto@acme-shop.example", cc: ["incidents@acme-shop.example"], language: "en" });
    expect(JSON.stringify(r.reply)).not.toContain("globex");
  });

  it("the event's own staff (no customer) get the event's language and cc", async () => {
    const r = await dryRun(mail("lead@platform.example"), config, { timestamp: AT });
    expect(r.reply).toMatchObject({ to: "lead@platform.example", cc: ["account-team@platform.example"], language: "en" });
  });

  it("the closed-line reply to a dropped mail outside the window is in the customer's language too", async () => {
    const closed = { ...config, policy: { ...config.policy, outsideWindow: "drop" as const } };
    const r = await dryRun(mail("ops@eu.globex.example"), closed, { timestamp: new Date("2026-12-05T12:00:00Z") });
    expect(r.outcome).toMatchObject({ action: "drop", reason: "OUTSIDE_WINDOW_DROPPED" });
    expect(r.reply).toMatchObject({ kind: "outside-window", cc: ["noc@globex.example"], language: "fr-FR" });
  });
});
