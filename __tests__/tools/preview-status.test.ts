import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPreviewStatus } from "../../tools/lib/preview-status-cli";

const fixture = (f: string) => path.join(__dirname, "..", "fixtures", "oncall", f);

async function previewStatus(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runPreviewStatus(argv, { out: (s) => (out += s), err: (s) => (err += s), env: {} });
  return { code, out, err };
}

describe("npm run preview-status", () => {
  it("renders the status mail of an acknowledge webhook into the customer's thread", async () => {
    const { code, out } = await previewStatus(fixture("acknowledge.json"));
    expect(code).toBe(0);
    expect(out).toContain("status: acknowledged to cto@acme-shop.example (cc incidents@acme-shop.example)");
    expect(out).toContain("In-Reply-To: <plain-1@acme-shop.example>");
    expect(out).toContain("Alice from the on-call team acknowledged your message at Fri, Nov 27, 10:04 AM EST");
  });

  it("--json: status {to, cc, subject, headers, text}; a replay is refused with its reason", async () => {
    const r = JSON.parse((await previewStatus(fixture("resolve.json"), "--json")).out);
    expect(r).toMatchObject({ event: "black-friday-2026", reason: "QUEUED", status: { kind: "resolved", to: "cto@acme-shop.example", subject: "Re: Checkout is down", text: expect.stringContaining("resolved at Fri, Nov 27, 11:30 AM EST") } });
    const late = JSON.parse((await previewStatus(fixture("resolve.json"), "--json", "--at", "2026-11-28T00:00:00Z")).out);
    expect(late).toMatchObject({ status: null, reason: "STALE_EVENT" });
  });

  it("a file that is not JSON fails with exit code 1", async () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2o-ps-")), "x.json");
    fs.writeFileSync(f, "{nope");
    const r = await previewStatus(f);
    expect(r.code).toBe(1);
    expect(r.err).toContain("is not a JSON file");
  });
});
