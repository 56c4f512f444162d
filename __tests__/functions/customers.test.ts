/**
 * Issue 13: one line, many customers. The function recognises the customer of a mail (address,
 * domain, wildcard, relay, organisation, alias), pages on any customer's trusted sender, sends an
 * authenticated unlisted colleague to the notify lane naming the customer, and the alert says who
 * (title, payload customer, notes, header lines; spoken title with the real Jinja2).
 */
import type { CustomerConfig, FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { allTrustedSenders, identifyCustomer } from "../../functions/mail-to-alert/customer-identification";
import { decide } from "../../functions/mail-to-alert/decide";
import { parseRuntimeConfig } from "../../functions/mail-to-alert/config";
import { dryRun } from "../../tools/lib/dry-run";
import { MAIL_TEMPLATES } from "../../lib/oncall/templates";
import { renderBatch } from "../support/jinja";
import { withConfig } from "./support/config";
import { decisionInput as input } from "./support/mail";

const customer = (slug: string, name: string, trusted: Partial<CustomerConfig["trustedSenders"]>, over: Partial<CustomerConfig> = {}): CustomerConfig => ({
  slug,
  name,
  tier: "standard",
  language: "en",
  contacts: [],
  notes: {},
  trustedSenders: { addresses: [], domains: [], relays: [], ...trusted },
  aliases: [],
  ...over,
});

const ACME = customer("acme-shop", "Acme Shop", { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"] }, {
  tier: "platinum",
  notes: { accountManager: "Jane Roe", runbook: "https://wiki.platform.example/acme", sla: "15 minutes" },
  contacts: ["incidents@acme-shop.example"],
});
const GLOBEX = customer("globex", "Globex", { domains: ["*.globex.example"] }, { tier: "gold", aliases: ["globex@oncall.example.com"] });
const INITECH = customer("initech", "Initech", { domains: ["initech.example"], relays: [{ address: "emergency@platform.example", sealer: "google.com" }] });

/** The example event with three customers; the event's own trusted sender is the platform's on-call lead. */
const config: FunctionRuntimeConfig = withConfig({
  customer: "Acme Shop, Globex, Initech",
  addresses: ["black-friday-2026@oncall.example.com", "globex@oncall.example.com"],
  trustedSenders: { addresses: ["lead@platform.example"], domains: [], relays: [] },
  customers: [ACME, GLOBEX, INITECH],
});
const RCPT = ["black-friday-2026@oncall.example.com"];
const who = (sender: string, recipients = RCPT, relay?: string) => {
  const m = identifyCustomer(config, { sender, recipients, relay });
  return m && `${m.customer.slug} by ${m.by}`;
};

describe("identification", () => {
  test("by the sender's address, exact domain and wildcard subdomains", () => {
    expect(who("CTO@Acme-Shop.example")).toBe("acme-shop by address");
    expect(who("sre@ops.acme-shop.example")).toBe("acme-shop by domain");
    expect(who("noc@eu.globex.example")).toBe("globex by wildcard");
    expect(who("noc@a.b.globex.example")).toBe("globex by wildcard");
  });

  test("by the relay a customer declared, when the original sender is nobody's", () => {
    expect(who("lead@platform.example", RCPT, "emergency@platform.example")).toBe("initech by relay");
    // The sender's own customer wins over the relay it came through.
    expect(who("cto@acme-shop.example", RCPT, "emergency@platform.example")).toBe("acme-shop by address");
  });

  test("by the alias written to, only when the sender names no customer (an alias never outranks the sender)", () => {
    expect(who("lead@platform.example", ["globex@oncall.example.com"])).toBe("globex by alias");
    expect(who("cto@acme-shop.example", ["globex@oncall.example.com"])).toBe("acme-shop by address");
    expect(who("lead@platform.example")).toBeUndefined();
  });

  test("by organisation for an unlisted colleague; the apex of a wildcard is its organisation", () => {
    expect(who("jane@acme-shop.example")).toBe("acme-shop by colleague");
    expect(who("jane@globex.example")).toBe("globex by colleague");
    expect(who("mallory@evil.example")).toBeUndefined();
  });

  test("an organisation two customers share names neither", () => {
    const shared = withConfig({ customers: [customer("a", "A", { addresses: ["x@corp.example"] }), customer("b", "B", { addresses: ["y@corp.example"] })] });
    expect(identifyCustomer(shared, { sender: "z@corp.example", recipients: RCPT })).toBeUndefined();
    expect(identifyCustomer(shared, { sender: "y@corp.example", recipients: RCPT })?.customer.slug).toBe("b");
  });

  test("trust is the union of the event's and every customer's senders, one object per config", () => {
    const t = allTrustedSenders(config);
    expect(t).toBe(allTrustedSenders(config));
    expect(t.addresses).toEqual(["lead@platform.example", "cto@acme-shop.example"]);
    expect(t.domains).toEqual(["ops.acme-shop.example", "*.globex.example", "initech.example"]);
    expect(t.relays).toEqual([{ address: "emergency@platform.example", sealer: "google.com" }]);
    // Without customers the event's own list is used as it is.
    const plain = withConfig({});
    expect(allTrustedSenders(plain)).toBe(plain.trustedSenders);
  });
});

describe("the decision with customers", () => {
  test("any customer's trusted sender pages, and the decision names the customer", () => {
    const d = decide(input({ From: "noc@eu.globex.example" }, { config, mailFrom: "noc@eu.globex.example", sesResults: "amazonses.com; dmarc=pass header.from=eu.globex.example;" }));
    expect(d).toMatchObject({ action: "page", reason: "TRUSTED_SENDER", customer: { by: "wildcard", customer: { slug: "globex" } } });
  });

  test("the event's own trusted sender pages without a customer", () => {
    const d = decide(input({ From: "lead@platform.example" }, { config, mailFrom: "lead@platform.example", sesResults: "amazonses.com; dmarc=pass header.from=platform.example;" }));
    expect(d).toMatchObject({ action: "page", reason: "TRUSTED_SENDER" });
    expect(d).not.toHaveProperty("customer");
  });

  test("an authenticated unlisted colleague of a customer takes the notify lane (UNLISTED_COLLEAGUE), the customer named", () => {
    const d = decide(input({ From: "jane@acme-shop.example" }, { config, mailFrom: "jane@acme-shop.example" }));
    expect(d).toMatchObject({ action: "notify", reason: "UNLISTED_COLLEAGUE", customer: { by: "colleague", customer: { slug: "acme-shop" } } });
    expect(d.detail).toBe("jane@acme-shop.example (a colleague at Acme Shop) is authenticated (DMARC pass for acme-shop.example) but not on the trusted list");
  });

  test("a stranger is still dropped, whatever alias it writes to", () => {
    const d = decide(input({ From: "mallory@evil.example" }, { config, mailFrom: "mallory@evil.example", sesResults: "amazonses.com; dmarc=pass header.from=evil.example;", envelope: { recipients: ["globex@oncall.example.com"], messageId: "abc123" } as never }));
    expect(d).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  test("mail to a customer's alias is for this event", () => {
    const d = decide(input({ From: "lead@platform.example" }, { config, mailFrom: "lead@platform.example", sesResults: "amazonses.com; dmarc=pass header.from=platform.example;", envelope: { recipients: ["globex@oncall.example.com"], messageId: "abc123" } as never }));
    expect(d).toMatchObject({ action: "page", customer: { by: "alias", customer: { slug: "globex" } } });
  });
});

describe("the alert says who", () => {
  const AT = new Date("2026-11-27T15:00:00Z");
  const mail = (from: string, subject = "Checkout is down") =>
    Buffer.from(
      `Authentication-Results: amazonses.com;\r\n spf=pass envelope-from=${from}; dkim=pass header.i=@${from.split("@")[1]}; dmarc=pass header.from=${from.split("@")[1]};\r\n` +
        `From: Someone <${from}>\r\nTo: black-friday-2026@oncall.example.com\r\nSubject: ${subject}\r\nDate: Fri, 27 Nov 2026 15:00:00 +0000\r\nMessage-ID: <m1@x.example>\r\n\r\nCheckout returns 502.\r\n`,
    );
  const run = (from: string, recipients = RCPT) => dryRun(mail(from), config, { timestamp: AT, recipients, mailFrom: from });

  test("title, payload customer {slug, name, tier}, notes and header lines for a customer's sender", async () => {
    const { payload } = await run("cto@acme-shop.example");
    expect(payload!.title).toBe("Checkout is down — Someone (Acme Shop)");
    expect(payload!.customer).toEqual({ slug: "acme-shop", name: "Acme Shop", tier: "platinum" });
    expect(payload!.notes).toEqual({ account_manager: "Jane Roe", runbook: "https://wiki.platform.example/acme", sla: "15 minutes" });
    expect(payload!.event.customer).toBe("Acme Shop, Globex, Initech");
    expect(payload!.message).toContain("\nCustomer: Acme Shop (acme-shop, tier platinum; recognised by its trusted address)\nAccount manager: Jane Roe\nRunbook: https://wiki.platform.example/acme\nSLA: 15 minutes\nFrom: Someone <cto@acme-shop.example>");
  });

  test("another customer on the same address gets its own name, no notes when it has none", async () => {
    const { payload } = await run("noc@eu.globex.example");
    expect(payload!.title).toBe("Checkout is down — Someone (Globex)");
    expect(payload!.customer).toEqual({ slug: "globex", name: "Globex", tier: "gold" });
    expect(payload).not.toHaveProperty("notes");
    expect(payload!.message).toContain("Customer: Globex (globex, tier gold; recognised by its trusted subdomains)");
  });

  test("the event's own sender: the event's label, no customer", async () => {
    const { payload } = await run("lead@platform.example");
    expect(payload!.title).toBe("Checkout is down — Someone (Acme Shop, Globex, Initech)");
    expect(payload).not.toHaveProperty("customer");
    expect(payload!.message).not.toContain("Customer:");
  });

  test("the notify lane names the colleague's customer", async () => {
    const { payload } = await run("jane@acme-shop.example");
    expect(payload).toMatchObject({ lane: "notify", reason: "UNLISTED_COLLEAGUE", customer: { slug: "acme-shop" } });
    expect(payload!.title).toBe("[NOTIFY] Checkout is down — Someone (Acme Shop)");
  });

  test("the spoken title and the title templates say the recognised customer (real Jinja2)", async () => {
    const acme = (await run("cto@acme-shop.example")).payload!;
    const lead = (await run("lead@platform.example")).payload!;
    const byHand = { subject: "Down", event: { customer: "Black Friday customers" }, customer: { slug: "globex", name: "Globex", tier: "gold" } };
    const out = renderBatch([
      { template: MAIL_TEMPLATES.phoneCall.title, payload: acme },
      { template: MAIL_TEMPLATES.phoneCall.title, payload: lead },
      { template: MAIL_TEMPLATES.sms.title, payload: byHand },
      { template: MAIL_TEMPLATES.web.title, payload: byHand },
    ]);
    expect(out).toEqual([
      { ok: true, output: "Acme Shop emergency: Checkout is down" },
      { ok: true, output: "Acme Shop, Globex, Initech emergency: Checkout is down" },
      { ok: true, output: "Globex emergency: Down" },
      { ok: true, output: "Down - Globex" },
    ]);
  });
});

test("the runtime config schema carries customers with language and reply contacts, and refuses unknown fields", () => {
  const parsed = parseRuntimeConfig(JSON.stringify(config));
  expect(parsed.customers![0]).toMatchObject({ slug: "acme-shop", language: "en", contacts: ["incidents@acme-shop.example"] });
  const bad = { ...config, customers: [{ ...ACME, replyTo: "x" }] };
  expect(() => parseRuntimeConfig(JSON.stringify(bad))).toThrow(/customers\.0: unknown field\(s\) replyTo/);
  const noName = { ...config, customers: [{ ...ACME, name: "" }] };
  expect(() => parseRuntimeConfig(JSON.stringify(noName))).toThrow(/customers\.0\.name: must not be empty/);
});
