/**
 * Issue 13: the customer registry (customers/<slug>.yaml). Every mistake is reported at
 * file:line:col with the field and a fix, exactly as synth prints it; a sender trusted by two
 * customers of one event names both files; events pick customers by slug or `all`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, formatProblem } from "../../config/errors";
import { AppConfig, loadConfig } from "../../config/load";
import { defaultCustomersDir } from "../../config/customers";
import { eventYaml, FOUNDATION_YAML } from "../support/synth";

const ACME = `slug: acme-shop
name: Acme Shop
tier: platinum
trustedSenders:
  addresses: [cto@acme-shop.example]
  domains: [ops.acme-shop.example]
`;
const GLOBEX = `slug: globex
name: Globex
trustedSenders:
  domains: ["*.globex.example"]
aliases: [globex]
`;

/** An event serving customers: no event-level `customer` or trusted senders. */
const servingEvent = (slug: string, customers: string) =>
  eventYaml(slug)
    .replace("customer: Acme Shop\n", `customers: ${customers}\n`)
    .replace(/trustedSenders:\n( {2}.*\n)+/, "");

/** A project folder with events/ and customers/, as the repository has them. */
function project(events: Record<string, string>, customers: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-customers-"));
  fs.mkdirSync(path.join(root, "events"));
  fs.mkdirSync(path.join(root, "customers"));
  for (const [n, t] of Object.entries(events)) fs.writeFileSync(path.join(root, "events", n), t);
  for (const [n, t] of Object.entries(customers)) fs.writeFileSync(path.join(root, "customers", n), t);
  return root;
}

function load(events: Record<string, string>, customers: Record<string, string>): AppConfig {
  return loadConfig(path.join(project(events, customers), "events"));
}

/** The problems as synth prints them, the temporary folder removed. */
function lines(events: Record<string, string>, customers: Record<string, string>): string[] {
  const root = project(events, customers);
  try {
    loadConfig(path.join(root, "events"));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const rel = path.relative(process.cwd(), root);
    return e.problems.map((p) => formatProblem(p).split(`${rel}/`).join(""));
  }
  throw new Error("expected the config to be rejected");
}

const bfServing = (customers = "[acme-shop, globex]") => ({ "foundation.yaml": FOUNDATION_YAML, "bf.yaml": servingEvent("bf", customers) });
/** Problems of one bad customer file (served by an event so every check runs). */
const customerProblems = (acme: string) => lines(bfServing("[acme-shop]"), { "acme-shop.yaml": acme });

describe("the registry loads and events pick customers from it", () => {
  test("by slug, in the order listed, with defaults filled in and aliases on the mail domain", () => {
    const config = load(bfServing("[globex, acme-shop]"), { "acme-shop.yaml": ACME, "globex.yaml": GLOBEX });
    const [event] = config.events;
    expect(event!.customerSpecs.map((c) => c.slug)).toEqual(["globex", "acme-shop"]);
    expect(event!.label).toBe("Globex, Acme Shop");
    const globex = event!.customerSpecs[0]!;
    expect(globex).toMatchObject({ tier: "standard", language: "en", contacts: [], notes: {}, aliasAddresses: ["globex@oncall.example.com"], file: expect.stringMatching(/customers\/globex\.yaml$/) });
    expect(config.customers.map((c) => c.slug)).toEqual(["acme-shop", "globex"]);
  });

  test("`customers: all` serves every file of the registry", () => {
    const config = load(bfServing("all"), { "acme-shop.yaml": ACME, "globex.yaml": GLOBEX });
    expect(config.events[0]!.customerSpecs.map((c) => c.slug)).toEqual(["acme-shop", "globex"]);
  });

  test("an event without customers keeps its own customer and trusted senders (old files stay valid)", () => {
    const config = load({ "foundation.yaml": FOUNDATION_YAML, "bf.yaml": eventYaml("bf") }, { "acme-shop.yaml": ACME });
    expect(config.events[0]).toMatchObject({ customer: "Acme Shop", label: "Acme Shop", customerSpecs: [] });
  });

  test("the registry is beside a folder named events, else inside the config folder", () => {
    expect(defaultCustomersDir("events")).toBe(path.join("events", "..", "customers"));
    expect(defaultCustomersDir("/tmp/e2o-config-x")).toBe(path.join("/tmp/e2o-config-x", "customers"));
  });
});

describe("mistakes in a customer file, each located with its field and a fix", () => {
  test("1. the slug differs from the file name", () => {
    expect(customerProblems(ACME.replace("slug: acme-shop", "slug: acme"))).toEqual([
      'customers/acme-shop.yaml:1:7 slug: must equal the file name (acme-shop); rename the file or the slug\n    example: slug: "acme-shop"',
    ]);
  });

  test("2. the name is missing", () => {
    expect(customerProblems(ACME.replace("name: Acme Shop\n", ""))).toEqual([
      "customers/acme-shop.yaml:1:1 name: is required but missing; add it - The customer's name as responders know it: the alert's title and spoken title say it.\n    example: name: \"Acme Shop\"",
    ]);
  });

  test("3. a tier with capitals", () => {
    expect(customerProblems(ACME.replace("tier: platinum", "tier: Platinum"))).toEqual([
      'customers/acme-shop.yaml:3:7 tier: must be lower-case letters, digits and hyphens, starting with a letter (e.g. platinum); did you mean \"platinum\"?\n    example: tier: "platinum"',
    ]);
  });

  test("4. a language that is no BCP 47 tag", () => {
    expect(customerProblems(`${ACME}language: English\n`)).toEqual([
      'customers/acme-shop.yaml:7:11 language: must be a BCP 47 language tag such as en, de or pt-BR\n    example: language: "de"',
    ]);
  });

  test("5. a trusted address that is no address", () => {
    expect(customerProblems(ACME.replace("[cto@acme-shop.example]", "[cto-at-acme-shop.example]"))).toEqual([
      'customers/acme-shop.yaml:5:15 trustedSenders.addresses[0]: must be a lower-case e-mail address such as cto@customer.example\n    example: - "cto@customer.example"',
    ]);
  });

  test("6. a trusted domain with a scheme", () => {
    expect(customerProblems(ACME.replace("[ops.acme-shop.example]", "[https://acme-shop.example]"))).toEqual([
      'customers/acme-shop.yaml:6:13 trustedSenders.domains[0]: must be a domain such as acme-shop.example, or *.acme-shop.example for its subdomains; did you mean \"acme-shop.example\"?\n    example: - "acme-shop.example"',
    ]);
  });

  test("7. nobody could page for the customer", () => {
    expect(customerProblems(ACME.replace(/trustedSenders:\n( {2}.*\n)+/, "trustedSenders: {}\n"))).toEqual([
      'customers/acme-shop.yaml:4:17 trustedSenders: nobody could page for this customer: list at least one trusted address or domain\n    example: addresses: ["cto@acme-shop.example"]',
    ]);
  });

  test("8. a trusted domain that is the mail domain (a loop)", () => {
    expect(customerProblems(ACME.replace("[ops.acme-shop.example]", "[oncall.example.com]"))).toEqual([
      'customers/acme-shop.yaml:6:13 trustedSenders.domains[0]: must not be the mail domain oncall.example.com: the pipeline would page itself in a loop\n    example: - "acme-shop.example"',
    ]);
  });

  test("9. the same address twice", () => {
    expect(customerProblems(ACME.replace("[cto@acme-shop.example]", "[cto@acme-shop.example, cto@acme-shop.example]"))).toEqual([
      "customers/acme-shop.yaml:5:38 trustedSenders.addresses[1]: duplicate entry cto@acme-shop.example\n    fix: delete this entry",
    ]);
  });

  test("10. an address its own domain already covers", () => {
    expect(customerProblems(ACME.replace("[cto@acme-shop.example]", "[lead@ops.acme-shop.example]"))).toEqual([
      "customers/acme-shop.yaml:5:15 trustedSenders.addresses[0]: is already covered by trustedSenders.domains[0] (ops.acme-shop.example)\n    fix: delete this entry",
    ]);
  });

  test("11. a runbook that is no https link", () => {
    expect(customerProblems(`${ACME}notes:\n  runbook: wiki/acme\n`)).toEqual([
      'customers/acme-shop.yaml:8:12 notes.runbook: must be an https:// link\n    example: runbook: "https://wiki.platform.example/runbooks/acme-shop"',
    ]);
  });

  test("12. an unknown field, with the likely one suggested", () => {
    expect(customerProblems(`${ACME}contact: [noc@acme-shop.example]\n`)).toEqual([
      expect.stringMatching(/^customers\/acme-shop\.yaml:7:1 contact: unknown field.*contacts/s),
    ]);
  });

  test("13. a contact that is no address", () => {
    expect(customerProblems(`${ACME}contacts: [noc]\n`)).toEqual([
      'customers/acme-shop.yaml:7:12 contacts[0]: must be a lower-case e-mail address such as cto@customer.example\n    example: - "cto@customer.example"',
    ]);
  });

  test("14. an alias on another domain, and a reserved one (a full address on the mail domain is fine)", () => {
    expect(customerProblems(`${ACME}aliases: [acme@acme-shop.example, postmaster, acme@oncall.example.com]\n`)).toEqual([
      'customers/acme-shop.yaml:7:11 aliases[0]: must be on the mail domain oncall.example.com; other domains do not reach this SES\n    example: - "acme"',
      'customers/acme-shop.yaml:7:35 aliases[1]: "postmaster" is reserved for mail infrastructure; pick the customer\'s own name\n    example: - "acme-shop"',
    ]);
  });

  test("15. a relay whose address is also trusted", () => {
    const relay = ACME.replace("  domains: [ops.acme-shop.example]\n", "  relays:\n    - address: cto@acme-shop.example\n      sealer: google.com\n");
    expect(customerProblems(relay)).toEqual([
      "customers/acme-shop.yaml:7:16 trustedSenders.relays[0].address: cto@acme-shop.example is also a trusted address: remove it there, a relay's original senders are trusted, not the relay (anyone who can post to it could page)",
    ]);
  });

  test("16. a file with the .yml extension and a YAML syntax error", () => {
    expect(lines(bfServing("[globex]"), { "globex.yaml": GLOBEX, "acme-shop.yml": ACME, "initech.yaml": "slug: initech\nname: [Initech\n" })).toEqual([
      "customers/acme-shop.yml:1:1: use the .yaml extension\n    fix: rename it to acme-shop.yaml",
      expect.stringMatching(/^customers\/initech\.yaml:2:7 name: not valid YAML: this \[ is never closed/),
    ]);
  });
});

describe("mistakes in an event's customers", () => {
  test("17. an unknown customer, with the known ones and the nearest as the example", () => {
    expect(lines(bfServing("[acme-shop, acme-shops]"), { "acme-shop.yaml": ACME })).toEqual([
      'events/bf.yaml:3:24 customers[1]: unknown customer acme-shops: there is no customers/acme-shops.yaml (known: acme-shop)\n    example: - "acme-shop"',
    ]);
  });

  test("18. a customer listed twice", () => {
    expect(lines(bfServing("[acme-shop, acme-shop]"), { "acme-shop.yaml": ACME })).toEqual(["events/bf.yaml:3:24 customers[1]: duplicate customer acme-shop\n    fix: delete this entry"]);
  });

  test("19. `all` with an empty registry", () => {
    expect(lines(bfServing("all"), {})).toEqual([
      "events/bf.yaml:3:12 customers: is `all`, but the registry (customers/*.yaml) holds no customer\n    fix: add customers/<slug>.yaml (docs/configuration.md, Add a customer), or list none",
    ]);
  });

  test("20. neither a customer nor customers", () => {
    const event = eventYaml("bf").replace("customer: Acme Shop\n", "");
    expect(lines({ "foundation.yaml": FOUNDATION_YAML, "bf.yaml": event }, {})).toEqual([
      'events/bf.yaml:1:1 customer: is required when the event lists no `customers`: say who writes in (or list customers from customers/)\n    example: customer: "Acme Shop"',
    ]);
  });

  test("21. a customer with aliases served by two events, and an alias that is another event's recipient", () => {
    const events = { "foundation.yaml": FOUNDATION_YAML, "bf.yaml": servingEvent("bf", "[globex]"), "cm.yaml": servingEvent("cm", "[globex]"), "globex-launch.yaml": eventYaml("globex-launch").replace("  - globex-launch", "  - globex") };
    expect(lines(events, { "globex.yaml": GLOBEX })).toEqual([
      "customers/globex.yaml:5:11 aliases[0]: the customer has aliases and is served by 2 events (bf, events/bf.yaml; cm, events/cm.yaml); an alias reaches one receipt rule, so every event's function would page\n    fix: serve this customer from one event at a time, or remove its aliases",
      "customers/globex.yaml:5:11 aliases[0]: globex@oncall.example.com is already a recipient of event globex-launch (events/globex-launch.yaml:5:5 recipients[0])\n    fix: pick another alias, or remove the recipient",
    ]);
  });
});

describe("a sender trusted by two customers of one event is refused, naming both files", () => {
  const INITECH = (trusted: string) => `slug: initech\nname: Initech\ntrustedSenders:\n${trusted}`;

  test.each([
    ["the same address", "  addresses: [cto@acme-shop.example]\n", "cto@acme-shop.example", "trustedSenders.addresses[0]"],
    ["an address on the other's domain", "  addresses: [bob@ops.acme-shop.example]\n", "bob@ops.acme-shop.example", "trustedSenders.domains[0]"],
    ["a wildcard covering the other's domain", '  domains: ["*.acme-shop.example"]\n', "any sender at ops.acme-shop.example", "trustedSenders.domains[0]"],
  ])("%s", (_what, trusted, sender, otherField) => {
    const out = lines(bfServing("[acme-shop, initech]"), { "acme-shop.yaml": ACME, "initech.yaml": INITECH(trusted) });
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`trusts ${sender}`);
    expect(out[0]).toMatch(/customers\/(initech|acme-shop)\.yaml:\d+:\d+ trustedSenders/);
    expect(out[0]).toContain("customers/acme-shop.yaml");
    expect(out[0]).toContain("customers/initech.yaml");
    expect(out[0]).toContain("both serve event bf (events/bf.yaml)");
    expect(out.join("\n")).toContain(otherField);
  });

  test("reported once however many events serve both; customers on different events may share a sender", () => {
    const initech = INITECH("  addresses: [cto@acme-shop.example]\n");
    const events = { "foundation.yaml": FOUNDATION_YAML, "bf.yaml": servingEvent("bf", "[acme-shop, initech]"), "cm.yaml": servingEvent("cm", "[acme-shop, initech]") };
    expect(lines(events, { "acme-shop.yaml": ACME, "initech.yaml": initech })).toHaveLength(1);
    const apart = { "foundation.yaml": FOUNDATION_YAML, "bf.yaml": servingEvent("bf", "[acme-shop]"), "cm.yaml": servingEvent("cm", "[initech]") };
    expect(load(apart, { "acme-shop.yaml": ACME, "initech.yaml": initech }).events).toHaveLength(2);
  });
});

test("the repository's own registry and example event load: two customers on one address, one with its alias", () => {
  const config = loadConfig("events", { now: () => new Date("2026-11-01T00:00:00Z") });
  const bf = config.events.find((e) => e.slug === "black-friday-2026")!;
  expect(bf.customerSpecs.map((c) => c.slug)).toEqual(["acme-shop", "globex"]);
  expect(bf.addresses).toEqual(["black-friday-2026@oncall.example.com"]);
  expect(bf.customerSpecs.flatMap((c) => c.aliasAddresses)).toEqual(["globex@oncall.example.com"]);
});

describe("per-customer routing in the event's oncall block", () => {
  const routing = (oncall: string) => ({ "foundation.yaml": FOUNDATION_YAML, "bf.yaml": servingEvent("bf", "[acme-shop, globex]") + oncall });
  const customers = { "acme-shop.yaml": ACME, "globex.yaml": GLOBEX };

  test("22. a route for a customer the event does not serve, a tier nobody has, a tier mapped to an unknown chain", () => {
    const oncall = `  escalations:\n    vip: ["page the on-call, important"]\n  tiers:\n    gold: vip\n    platinum: urgent\n  routes:\n    - name: umbrella outages\n      customers: [umbrella]\n      escalation: vip\n    - name: diamond\n      tiers: [diamond]\n      escalation: vip\n`;
    expect(lines(routing(oncall), customers)).toEqual([
      expect.stringMatching(/^events\/bf\.yaml:\d+:\d+ oncall\.tiers\.platinum: unknown escalation urgent; known: default, vip/),
    ]);
    const fixed = oncall.replace("platinum: urgent", "platinum: vip");
    expect(lines(routing(fixed), customers)).toEqual([
      'events/bf.yaml:22:19 oncall.routes[0].customers[0]: umbrella is not a customer of this event (acme-shop, globex)\n    example: - "acme-shop"',
      'events/bf.yaml:25:15 oncall.routes[1].tiers[0]: no customer of this event has tier diamond (platinum, standard)\n    example: - "platinum"',
      'events/bf.yaml:18:5 oncall.tiers.gold: no customer of this event has tier gold (platinum, standard)\n    example: platinum: "vip"',
    ]);
  });

  test("routes and tiers of its own customers compile to the library's props", () => {
    const oncall = `  escalations:\n    vip: ["page the on-call, important"]\n  tiers:\n    platinum: vip\n  routes:\n    - name: globex outages\n      customers: [globex]\n      subject: down\n      escalation: vip\n`;
    const config = load(routing(oncall), customers);
    const { onCallPropsFor } = require("../../stacks/event-on-call") as typeof import("../../stacks/event-on-call");
    const props = onCallPropsFor(config.events[0]!);
    expect(props.tierEscalations).toEqual({ platinum: "vip" });
    expect(props.customers).toEqual([{ slug: "acme-shop", tier: "platinum", slackChannel: undefined }, { slug: "globex", tier: "standard", slackChannel: undefined }]);
    expect(props.routes).toEqual([{ subject: "down", sender: undefined, customers: ["globex"], tiers: undefined, escalation: "vip", slackChannel: undefined }]);
  });
});

test("23. the event's relay on a domain a customer trusts (anyone posting to the group could page)", () => {
  const event = servingEvent("bf", "[acme-shop, platform]").replace("customers: [acme-shop, platform]\n", "customers: [acme-shop, platform]\ntrustedSenders:\n  relays:\n    - address: emergency@platform.example\n      sealer: google.com\n");
  const platform = "slug: platform\nname: Platform\ntrustedSenders:\n  domains: [platform.example]\n";
  const out = lines({ "foundation.yaml": FOUNDATION_YAML, "bf.yaml": event }, { "acme-shop.yaml": ACME, "platform.yaml": platform });
  expect(out).toEqual([expect.stringMatching(/^events\/bf\.yaml:\d+:\d+ trustedSenders\.relays\[0\]\.address: the relay's domain platform\.example is a trusted domain \(platform\.example\) \(trusted by customer platform \(customers\/platform\.yaml\)\): anyone who can post to the group could page/)]);
});

test("24. more recipients and aliases than an SES receipt rule takes", () => {
  const registry: Record<string, string> = {};
  for (let i = 0; i < 100; i++) registry[`c${i}.yaml`] = `slug: c${i}\nname: C${i}\ntrustedSenders:\n  addresses: [cto@c${i}.example]\naliases: [c${i}-a, c${i}-b, c${i}-c, c${i}-d, c${i}-e]\n`;
  expect(lines(bfServing("all"), registry)).toEqual([
    "events/bf.yaml:3:12 customers: its recipients and its customers' aliases are 501 addresses; an SES receipt rule takes at most 500\n    fix: serve fewer customers with aliases from this event, or drop aliases (mail to the event's address names the customer by its sender)",
  ]);
});
