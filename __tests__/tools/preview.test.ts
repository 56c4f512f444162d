import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { parseVerdicts, runPreview } from "../../tools/lib/preview-cli";

const fixture = (f: string) => path.join(__dirname, "..", "fixtures", "mail", f);

async function preview(...argv: string[]) {
  let out = "";
  const code = await runPreview(argv, (s) => (out += s));
  return { code, out };
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
    expect((await preview(fixture("01-plain-ascii.eml"), "--event", "nope")).out).toContain('no event "nope"');
    expect(() => parseVerdicts("spf=MAYBE")).toThrow(/status must be one of/);
    expect(() => parseVerdicts("arc=PASS")).toThrow(/name must be one of/);
  });

  it("runs as a command (tsx tools/preview.ts)", async () => {
    const root = path.join(__dirname, "..", "..");
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "tools/preview.ts", fixture("07-html-only.eml"), "--json"], { cwd: root });
    expect(JSON.parse(stdout).payload.message).toContain("Search is broken");
  });
});
