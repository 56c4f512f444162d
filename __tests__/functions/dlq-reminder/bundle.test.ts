import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { bundleFunction } from "../../../stacks/function-bundle";
import { invokeBundled, localAwsEnv } from "../../support/bundled-invoke";
// Under the project (git-ignored .build) so the external @aws-sdk/* resolve from node_modules, as the runtime provides them.
const root = path.join(__dirname, "..", "..", "..");
fs.mkdirSync(path.join(root, ".build"), { recursive: true });
const outRoot = fs.mkdtempSync(path.join(root, ".build", "reminder-bundle-test-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

/** One stand-in for both services: SQS speaks JSON (x-amz-target), SNS the query protocol. */
async function fakeAws(stuck: number) {
  const published: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.headers["x-amz-target"] === "AmazonSQS.GetQueueAttributes") {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ Attributes: { ApproximateNumberOfMessages: String(stuck) } }));
        return;
      }
      published.push(new URLSearchParams(body));
      res.writeHead(200, { "content-type": "text/xml" }).end("<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, published, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

async function invoke(endpoint: string) {
  const file = path.join(bundleFunction("dlq-reminder", outRoot).dir, "index.mjs");
  const env = localAwsEnv(endpoint, outRoot, {
    // The SQS client sends to the queue URL's host (over AWS_ENDPOINT_URL): the stand-in's, here.
    DEAD_LETTER_QUEUE_URL: `${endpoint}/123456789012/e2o-bf-dlq`,
    HEALTH_TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:e2o-bf-health",
    EVENT_SLUG: "bf",
  });
  return (await invokeBundled(process.execPath, file, [{ "detail-type": "Scheduled Event" }], env))[0];
}

describe("bundled dlq-reminder (functions/dlq-reminder/index.ts through esbuild)", () => {
  it("is a second function the bundler zips under its own name", () => {
    const b = bundleFunction("dlq-reminder", outRoot);
    expect(path.basename(b.zip)).toBe("dlq-reminder.zip");
    expect(b.zip).not.toBe(bundleFunction("mail-to-alert", outRoot).zip);
  });

  it("publishes one reminder while mail is stuck, nothing when the queue is empty", async () => {
    const full = await fakeAws(3);
    try {
      await expect(invoke(full.endpoint)).resolves.toEqual({ stuck: 3, reminded: true });
      expect(full.published).toHaveLength(1);
      expect(full.published[0]!.get("TopicArn")).toBe("arn:aws:sns:eu-west-1:123456789012:e2o-bf-health");
      expect(full.published[0]!.get("Message")).toContain("3 mails are stuck in e2o-bf-dlq");
    } finally {
      await full.close();
    }
    const empty = await fakeAws(0);
    try {
      await expect(invoke(empty.endpoint)).resolves.toEqual({ stuck: 0, reminded: false });
      expect(empty.published).toHaveLength(0);
    } finally {
      await empty.close();
    }
  }, 60000);
});
