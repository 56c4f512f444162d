import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { bundleFunction } from "../../../stacks/function-bundle";
import { CANARY_HEADER, verifyCanary } from "../../../functions/mail-to-alert/canary";
import { splitHeaderSection } from "../../../functions/mail-to-alert/headers";
import { invokeBundled, localAwsEnv } from "../../support/bundled-invoke";
import { runtimes } from "../../support/node22";

// The canary as Lambda runs it: the esbuild bundle, on this Node and on Node 22, with SSM (the key)
// and SES v2 (the send) played by one stand-in on 127.0.0.1.
const root = path.join(__dirname, "..", "..", "..");
fs.mkdirSync(path.join(root, ".build"), { recursive: true });
const outRoot = fs.mkdtempSync(path.join(root, ".build", "canary-bundle-test-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));
const KEY = "k".repeat(64);

async function fakeAws() {
  const sent: { path: string; body: Record<string, any> }[] = [];
  const keyReads: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.headers["x-amz-target"] === "AmazonSSM.GetParameter") {
        keyReads.push(JSON.parse(body).Name);
        return void res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ Parameter: { Name: "k", Type: "SecureString", Value: KEY } }));
      }
      sent.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ MessageId: `ses-out-${sent.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent, keyReads, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const env = (endpoint: string, from: string, until: string) =>
  localAwsEnv(endpoint, outRoot, {
    EVENT_SLUG: "black-friday-2026",
    CANARY_TO: "black-friday-2026@oncall.example.com",
    CANARY_FROM: "canary@oncall.example.com",
    CANARY_KEY_PARAMETER: "/email-to-oncall/black-friday-2026/canary-key",
    CANARY_ACTIVE_FROM: from,
    CANARY_ACTIVE_UNTIL: until,
  });

describe.each(runtimes())("bundled canary on %s", (_name, node) => {
  const file = () => path.join(bundleFunction("canary", outRoot).dir, "index.mjs");

  it("inside the active period sends one signed raw mail through SES v2, reading the key from SSM", async () => {
    const aws = await fakeAws();
    try {
      const [out] = await invokeBundled(node, file(), [{ "detail-type": "Scheduled Event" }], env(aws.endpoint, "2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z"));
      expect(out).toEqual({ idle: false, sent: ["black-friday-2026@oncall.example.com"] });
      expect(aws.keyReads).toEqual(["/email-to-oncall/black-friday-2026/canary-key"]);
      expect(aws.sent).toHaveLength(1);
      expect(aws.sent[0]!.path).toBe("/v2/email/outbound-emails");
      expect(aws.sent[0]!.body).toMatchObject({ FromEmailAddress: "canary@oncall.example.com", Destination: { ToAddresses: ["black-friday-2026@oncall.example.com"] } });
      const raw = Buffer.from(aws.sent[0]!.body.Content.Raw.Data, "base64");
      const values = splitHeaderSection(raw).filter((h) => h.name.toLowerCase() === CANARY_HEADER.toLowerCase()).map((h) => h.value);
      expect(verifyCanary({ headerValues: values, keys: [KEY], slug: "black-friday-2026", recipients: ["black-friday-2026@oncall.example.com"], receivedAt: new Date() })).toMatchObject({ ok: true });
    } finally {
      await aws.close();
    }
  }, 60000);

  it("outside it sends nothing and reads no key", async () => {
    const aws = await fakeAws();
    try {
      const [out] = await invokeBundled(node, file(), [{}], env(aws.endpoint, "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z"));
      expect(out).toEqual({ idle: true });
      expect(aws.sent).toEqual([]);
      expect(aws.keyReads).toEqual([]);
    } finally {
      await aws.close();
    }
  }, 60000);
});
