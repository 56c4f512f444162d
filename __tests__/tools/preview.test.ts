import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { runPreview } from "../../tools/lib/preview-cli";
import { parseVerdicts } from "../../tools/lib/verdict-spec";
import { configDir, exampleCustomers, REPO_ROOT } from "../support/synth";

const fixture = (f: string) => path.join(__dirname, "..", "fixtures", "mail", f);

async function preview(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runPreview(argv, { out: (s) => (out += s), err: (s) => (err += s), env: {} });
  return { code, out, err };
}

describe("npm run preview", () => {
  it("prints the decision and the exact payload for a paging mail, using the events/ config", async () => {
    const { code, out } = await preview(fixture("01-plain-ascii.eml"), "--json");
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.event).toBe("black-friday-2026");
    expect(r.decision).toMatchObject({ action: "page", reason: "TRUSTED_SENDER" });
    expect(r.payload).toMatchObject({ version: 1, title: "Checkout is down — Jane Doe (Acme Shop)", recipients: ["black-friday-2026@oncall.example.com"] });
  });

  it("prints a drop with its reason and no payload", async () => {
    const { code, out } = await preview(fixture("26-untrusted-sender.eml"));
    expect(code).toBe(0);
    expect(out).toContain("decision: DROP (SENDER_NOT_TRUSTED)");
    expect(out).not.toContain("payload");
  });

  it("applies --verdicts and --at", async () => {
    const gray = JSON.parse((await preview(fixture("01-plain-ascii.eml"), "--verdicts", "all=PASS,dmarc=GRAY,spf=GRAY,dkim=GRAY", "--json")).out);
    expect(gray.decision).toMatchObject({ action: "notify", reason: "UNVERIFIED" });
    expect(gray.payload.markers).toEqual(["NOTIFY", "UNVERIFIED"]);
    const late = JSON.parse((await preview(fixture("01-plain-ascii.eml"), "--at", "2027-01-15T00:00:00Z", "--json")).out);
    expect(late.payload.markers).toEqual(["OUTSIDE_WINDOW"]);
    const spoofed = JSON.parse((await preview(fixture("01-plain-ascii.eml"), "--verdicts", "dmarc=FAIL", "--json")).out);
    expect(spoofed.decision).toMatchObject({ action: "drop", reason: "DMARC_FAIL" });
  });

  it("rejects bad arguments with usage and a non-zero exit", async () => {
    expect((await preview()).code).toBe(2);
    expect((await preview(fixture("01-plain-ascii.eml"), "--event", "nope")).err).toContain('no event "nope"');
    expect(() => parseVerdicts("spf=MAYBE")).toThrow(/status must be one of/);
    expect(() => parseVerdicts("arc=PASS")).toThrow(/name must be one of/);
  });

  it("runs as a command (tsx tools/preview.ts)", async () => {
    const root = path.join(__dirname, "..", "..");
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "tools/preview.ts", fixture("07-html-only.eml"), "--json"], { cwd: root });
    expect(JSON.parse(stdout).payload.message).toContain("Search is broken");
  });

  it("shows what the responder sees, rendered with the integration's templates (default text mode)", async () => {
    const { code, out } = await preview(fixture("01-plain-ascii.eml"));
    expect(code).toBe(0);
    const view = out.slice(out.indexOf("what the responder sees"), out.indexOf("payload that would be POSTed"));
    expect(view).toContain("title (web, e-mail, mobile app, Slack):\n    Checkout is down — Jane Doe (Acme Shop)\n");
    expect(view).toContain("phone call says:\n    Acme Shop emergency: Checkout is down\n");
    expect(view).toMatch(/mobile app \/ Slack message:\n(    \| .*\n|    \|\n)+/);
    expect(view).toContain("    | Checkout returns HTTP 502 for every customer since 14:00 UTC.");
    expect(view).toMatch(/alert group: black-friday-2026:[0-9a-f]{32}\n/);
    // The example event serves customers: the preview says which one it recognised.
    expect(out).toContain("\ncustomer: Acme Shop (acme-shop, tier platinum)\n");
    // The machine-readable form carries the same view.
    const json = JSON.parse((await preview(fixture("01-plain-ascii.eml"), "--json")).out);
    expect(json.responder).toMatchObject({ title: "Checkout is down — Jane Doe (Acme Shop)", phoneCall: "Acme Shop emergency: Checkout is down", resolves: false });
  });

  it("a mail to a customer's alias reaches its event; the alias names the customer only when the sender does not", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-preview-alias-"));
    const file = path.join(dir, "m.eml");
    fs.writeFileSync(file, "From: Lead <oncall-lead@platform.example>\r\nTo: globex@oncall.example.com\r\nSubject: Globex checkout down\r\nDate: Fri, 27 Nov 2026 14:05:00 +0000\r\n\r\nPaging for Globex\r\n");
    const byAlias = JSON.parse((await preview(file, "--json")).out);
    expect(byAlias).toMatchObject({ event: "black-friday-2026", decision: { action: "page" }, payload: { customer: { slug: "globex", name: "Globex Corporation", tier: "gold" } } });
    expect(byAlias.responder.phoneCall).toBe("Globex Corporation emergency: Globex checkout down");
    const acme = JSON.parse((await preview(fixture("01-plain-ascii.eml"), "--to", "globex@oncall.example.com", "--json")).out);
    expect(acme.payload.customer.slug).toBe("acme-shop");
  });

  it("marks a resolving reply and an unverified sender in the spoken text", async () => {
    const resolved = await preview(fixture("18-resolved-reply.eml"));
    expect(resolved.out).toMatch(/alert group: \S+ \(this mail RESOLVES it\)/);
    const gray = JSON.parse((await preview(fixture("01-plain-ascii.eml"), "--verdicts", "all=PASS,dmarc=GRAY,spf=GRAY,dkim=GRAY", "--json")).out);
    expect(gray.responder.phoneCall).toBe("Unverified. Acme Shop emergency: Checkout is down");
    expect(gray.responder.title).toMatch(/^\[NOTIFY\] \[UNVERIFIED\] /);
  });

  describe("with several events configured", () => {
    const example = (f: string) => fs.readFileSync(path.join(REPO_ROOT, "events", f), "utf8");
    const cyber = example("black-friday-2026.yaml")
      .replace("slug: black-friday-2026", "slug: cyber-monday-2026")
      .replace("  - black-friday-2026\n", "  - cyber-monday-2026\n")
      // Globex has an alias: one event at a time may serve it.
      .replace("customers: [acme-shop, globex]", "customers: [acme-shop]");
    const dir = configDir({ "foundation.yaml": example("foundation.yaml"), "black-friday-2026.yaml": example("black-friday-2026.yaml"), "cyber-monday-2026.yaml": cyber, ...exampleCustomers() });
    const mail = (headers: string) => {
      const file = path.join(fs.mkdtempSync(path.join(dir, "mail-")), "m.eml");
      fs.writeFileSync(file, `From: Jane <cto@acme-shop.example>\r\n${headers}Subject: Down\r\nDate: Fri, 27 Nov 2026 14:05:00 +0000\r\n\r\nHelp\r\n`);
      return file;
    };

    it("picks the event owning the mail's To or Cc address", async () => {
      const byCc = JSON.parse((await preview(mail("To: someone@acme-shop.example\r\nCc: Cyber <cyber-monday-2026@oncall.example.com>\r\n"), "--config-dir", dir, "--json")).out);
      expect(byCc.event).toBe("cyber-monday-2026");
      expect(byCc.payload.recipients).toEqual(["cyber-monday-2026@oncall.example.com"]);
      const text = (await preview(mail("To: black-friday-2026@oncall.example.com\r\n"), "--config-dir", dir)).out;
      expect(text).toContain("event:    black-friday-2026 (Black Friday 2026, Acme Shop, Globex Corporation), chosen by the mail's To/Cc");
    });

    it("prefers the envelope recipient (--to), and asks for --event when the mail names none or two events", async () => {
      const both = mail("To: black-friday-2026@oncall.example.com, cyber-monday-2026@oncall.example.com\r\n");
      expect(JSON.parse((await preview(both, "--config-dir", dir, "--to", "cyber-monday-2026@oncall.example.com", "--json")).out).event).toBe("cyber-monday-2026");
      const ambiguous = await preview(both, "--config-dir", dir);
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.err).toMatch(/belong to several events \(black-friday-2026, cyber-monday-2026\); choose one with --event/);
      const none = await preview(mail("To: ops@acme-shop.example\r\n"), "--config-dir", dir);
      expect(none.err).toMatch(/no configured event receives mail for the mail's To\/Cc \(ops@acme-shop\.example\); choose one with --event/);
      expect(JSON.parse((await preview(both, "--config-dir", dir, "--event", "black-friday-2026", "--json")).out).event).toBe("black-friday-2026");
    });
  });
});

