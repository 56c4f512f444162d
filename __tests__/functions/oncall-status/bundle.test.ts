import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { bundleFunction } from "../../../stacks/function-bundle";
import { invokeBundled, localAwsEnv } from "../../support/bundled-invoke";
import { REPLY_KEY, STATUS_CONFIG, webhook } from "./support";

const root = path.join(__dirname, "..", "..", "..");
fs.mkdirSync(path.join(root, ".build"), { recursive: true });
const outRoot = fs.mkdtempSync(path.join(root, ".build", "status-bundle-test-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

describe("bundled oncall-status (functions/oncall-status/index.ts through esbuild)", () => {
  it("answers 401 to a wrong secret and queues the status mail (SQS SendMessage) for the right one, verified with the key from SSM", async () => {
    const sent: Record<string, unknown>[] = [];
    const keyReads: unknown[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const parsed = JSON.parse(body || "{}");
        if (req.headers["x-amz-target"] === "AmazonSSM.GetParameter") {
          keyReads.push(parsed);
          res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ Parameter: { Name: parsed.Name, Type: "SecureString", Value: REPLY_KEY } }));
          return;
        }
        sent.push({ target: req.headers["x-amz-target"], ...parsed });
        // The SQS client checks the body's MD5 against the answer.
        res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ MessageId: "m-1", MD5OfMessageBody: createHash("md5").update(parsed.MessageBody ?? "").digest("hex") }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const file = path.join(bundleFunction("oncall-status", outRoot).dir, "index.mjs");
      const event = (auth: string) => ({ headers: { authorization: auth }, body: JSON.stringify(webhook("acknowledge", { event: { type: "acknowledge", time: new Date().toISOString() } })), requestContext: { http: { method: "POST" } } });
      const outcomes = await invokeBundled(process.execPath, file, [event("wrong"), event("local-secret")], localAwsEnv(endpoint, outRoot, {
        STATUS_CONFIG: JSON.stringify(STATUS_CONFIG),
        STATUS_SECRET: "local-secret",
        REPLY_KEY_PARAMETER: "/e2o/bf/reply-key",
        REPLY_QUEUE_URL: `${endpoint}/123456789012/e2o-bf-reply`,
      }));
      expect(outcomes.map((o) => o.statusCode)).toEqual([401, 202]);
      expect(sent).toHaveLength(1);
      expect(keyReads).toEqual([{ Name: "/e2o/bf/reply-key", WithDecryption: true }]);
      expect(JSON.parse(sent[0]!.MessageBody as string)).toMatchObject({ kind: "acknowledged", onceKey: "status:IGROUP1:acknowledged", by: "Alice" });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
