import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { bundleFunction } from "../../../stacks/function-bundle";
import { invokeBundledWithLog, localAwsEnv } from "../../support/bundled-invoke";
import { request } from "../reply/support";

const root = path.join(__dirname, "..", "..", "..");
fs.mkdirSync(path.join(root, ".build"), { recursive: true });
const outRoot = fs.mkdtempSync(path.join(root, ".build", "reply-sender-bundle-test-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

/** DynamoDB (JSON 1.0, x-amz-target) and SES v2 (REST JSON) on 127.0.0.1, with a conditional write that fails the second time. */
async function fakeAws() {
  const calls: { target: string; body: Record<string, unknown> }[] = [];
  const keys = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? `${req.method} ${req.url}`);
      const parsed = body ? JSON.parse(body) : {};
      calls.push({ target, body: parsed });
      if (target === "DynamoDB_20120810.PutItem") {
        const key = parsed.Item.pk.S as string;
        if (keys.has(key)) {
          res.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", message: "The conditional request failed" }));
          return;
        }
        keys.add(key);
      }
      if (target.startsWith("DynamoDB")) return void res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end("{}");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ MessageId: "ses-out-1" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, calls, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

async function invoke(endpoint: string, records: { messageId: string; body: string }[]) {
  const file = path.join(bundleFunction("reply-sender", outRoot).dir, "index.mjs");
  const env = localAwsEnv(endpoint, outRoot, { REPLY_FROM_ADDRESSES: "black-friday-2026@oncall.example.com", REPLY_TABLE_NAME: "e2o-bf-reply", EVENT_SLUG: "black-friday-2026" });
  return invokeBundledWithLog(process.execPath, file, records.map((r) => ({ Records: [r] })), env);
}

describe("bundled reply-sender (functions/reply-sender/index.ts through esbuild)", () => {
  it("claims in DynamoDB with a conditional write, sends raw MIME through SES v2 once, and reports failures per record", async () => {
    const aws = await fakeAws();
    try {
      const body = JSON.stringify(request());
      const { outcomes, stdout } = await invoke(aws.endpoint, [
        { messageId: "m1", body },
        { messageId: "m2", body },
        { messageId: "m3", body: "{broken" },
      ]);
      expect(outcomes).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }, { batchItemFailures: [{ itemIdentifier: "m3" }] }]);
      const sends = aws.calls.filter((c) => c.target.includes("/v2/email/outbound-emails"));
      expect(sends).toHaveLength(1);
      expect(sends[0]!.body).toMatchObject({ FromEmailAddress: "black-friday-2026@oncall.example.com", Destination: { ToAddresses: ["cto@acme-shop.example"] } });
      const mime = Buffer.from((sends[0]!.body as { Content: { Raw: { Data: string } } }).Content.Raw.Data, "base64").toString();
      expect(mime).toContain("In-Reply-To: <m1@acme-shop.example>");
      expect(mime).toContain("Auto-Submitted: auto-replied");
      const puts = aws.calls.filter((c) => c.target === "DynamoDB_20120810.PutItem");
      expect(puts[0]!.body).toMatchObject({ TableName: "e2o-bf-reply", ConditionExpression: expect.stringContaining("attribute_not_exists(pk)") });
      expect(stdout).toContain('"RepliesSkipped":1');
    } finally {
      await aws.close();
    }
  });
});
