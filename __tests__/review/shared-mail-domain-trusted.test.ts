import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ConfigError, formatProblem } from "../../config/errors";
import { loadConfig } from "../../config/load";
import { checkCustomers } from "../../lib/aws/customer-checks";
import { eventYaml, FOUNDATION_YAML } from "../support/synth";

/** The problems synth prints for a one-customer project (the temporary folder removed). */
function problems(customer: string, event = eventYaml("black-friday-2026").replace("customer: Acme Shop\n", "customers: [acme-shop]\n").replace(/trustedSenders:\n( {2}.*\n)+/, "")): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-review-"));
  fs.mkdirSync(path.join(root, "events"));
  fs.mkdirSync(path.join(root, "customers"));
  fs.writeFileSync(path.join(root, "events", "foundation.yaml"), FOUNDATION_YAML);
  fs.writeFileSync(path.join(root, "events", "black-friday-2026.yaml"), event);
  fs.writeFileSync(path.join(root, "customers", "acme-shop.yaml"), customer);
  try {
    loadConfig(path.join(root, "events"));
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.map((p) => formatProblem(p).split(`${path.relative(process.cwd(), root)}/`).join(""));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe("review: a trusted domain anyone can get an address at", () => {
  // HOLE: the runtime already knows that gmail.com & co. name people, not organisations (SHARED_MAIL_DOMAINS, for
  // colleagues), but the config accepted them as trusted DOMAINS. A tired customer whose CTO writes from Gmail puts
  // `domains: [gmail.com]` in customers/<slug>.yaml; every Gmail user then passes DMARC as a listed sender and pages
  // the on-call team (and gets acknowledgements and status mails).
  it("FIXED: a customer's trusted domain that is a shared mail service fails synth, located, with the fix", () => {
    const out = problems("slug: acme-shop\nname: Acme Shop\ntrustedSenders:\n  domains: [gmail.com]\n");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^customers\/acme-shop\.yaml:4:13 trustedSenders\.domains\[0\]: .*gmail\.com.*anyone/);
    expect(out[0]).toMatch(/exact address/);
  });

  it("FIXED: so does a wildcard of one, and one in an event's own trusted senders", () => {
    expect(problems("slug: acme-shop\nname: Acme Shop\ntrustedSenders:\n  domains: [\"*.outlook.com\"]\n")).toHaveLength(1);
    const event = eventYaml("black-friday-2026").replace(/domains: \[[^\]]*\]|domains:\n( {4}- .*\n)+/, (m) => (m.includes("\n") ? "domains:\n    - yahoo.com\n" : "domains: [yahoo.com]"));
    expect(event).toContain("yahoo.com");
    expect(problems("slug: acme-shop\nname: Acme Shop\ntrustedSenders:\n  addresses: [cto@acme-shop.example]\n", event).join("\n")).toMatch(/events\/black-friday-2026\.yaml:\d+:\d+ trustedSenders\.domains\[0\]: .*yahoo\.com/);
  });

  it("an exact address at a shared mail service stays fine", () => {
    expect(problems("slug: acme-shop\nname: Acme Shop\ntrustedSenders:\n  addresses: [cto.acme@gmail.com]\n")).toEqual([]);
  });
});

describe("review: the library refuses it too (customers are props of EmergencyInbox)", () => {
  it("FIXED: checkCustomers names the prop", () => {
    const customers = [{ slug: "acme-shop", name: "Acme Shop", trustedSenders: { domains: ["*.hotmail.com"] } }];
    expect(() => checkCustomers("EmergencyInbox", customers, ["bf@oncall.example.com"])).toThrow('EmergencyInbox: customers[0].trustedSenders.domains[0] "*.hotmail.com" is a mail service anyone can get an address at');
  });
});
