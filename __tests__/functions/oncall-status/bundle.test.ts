import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { bundleFunction } from "../../../stacks/function-bundle";
import { REPLY_KEY, STATUS_CONFIG, webhook } from "./support";

const run = promisify(execFile);
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
      const script = `const m = await import(${JSON.stringify("file://" + file)}); for (const e of JSON.parse(process.env.EVENTS)) process.stdout.write("OUTCOME " + JSON.stringify(await m.handler(e)) + "\\n");`;
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: outRoot,
          NODE_NO_WARNINGS: "1",
          AWS_ENDPOINT_URL: endpoint,
          AWS_REGION: "eu-west-1",
          AWS_ACCESS_KEY_ID: "AKIDLOCALTEST",
          AWS_SECRET_ACCESS_KEY: "local-test-secret",
          STATUS_CONFIG: JSON.stringify(STATUS_CONFIG),
          STATUS_SECRET: "local-secret",
          REPLY_KEY_PARAMETER: "/e2o/bf/reply-key",
          REPLY_QUEUE_URL: `${endpoint}/123456789012/e2o-bf-reply`,
          EVENTS: JSON.stringify([event("wrong"), event("local-secret")]),
        },
      });
      const outcomes = stdout.split("\n").filter((l) => l.startsWith("OUTCOME ")).map((l) => JSON.parse(l.slice(8)));
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
