import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { integrationUrlResolver, s3MailSource, sqsDeadLetters } from "../../functions/mail-to-alert/aws";
import { deadLetterRecord } from "../../functions/mail-to-alert/dead-letter";

/** A local stand-in for S3 (path-style GetObject) and SSM (JSON protocol), recording requests. */
async function fakeAws(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  const seen: { method: string; url: string; target?: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, target: req.headers["x-amz-target"] as string | undefined, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, seen, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const credentials = { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" };

describe("AWS adapters against local stand-ins", () => {
  it("reads the raw mail with GetObject on bucket/key", async () => {
    const aws = await fakeAws((_req, _b, res) => res.writeHead(200, { "content-type": "message/rfc822" }).end("From: a@b\r\n\r\nhi"));
    try {
      const bytes = await s3MailSource("raw-bucket", "eu-west-1", { endpoint: aws.endpoint, credentials }).get("black-friday-2026/abc123");
      expect(Buffer.from(bytes).toString()).toBe("From: a@b\r\n\r\nhi");
      expect(aws.seen[0]).toMatchObject({ method: "GET", url: expect.stringMatching(/^\/raw-bucket\/black-friday-2026\/abc123(\?|$)/) });
    } finally {
      await aws.close();
    }
  });

  it("throws on AccessDenied (also what a missing key looks like without ListBucket) so Lambda retries", async () => {
    const aws = await fakeAws((_req, _b, res) =>
      res.writeHead(403, { "content-type": "application/xml" }).end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'),
    );
    try {
      await expect(s3MailSource("raw-bucket", "eu-west-1", { endpoint: aws.endpoint, credentials }).get("k")).rejects.toMatchObject({ name: "AccessDenied" });
    } finally {
      await aws.close();
    }
  });

  it("reads the integration URL once per cold start with decryption, and retries after a failure", async () => {
    let fail = true;
    const aws = await fakeAws((_req, _body, res) => {
      if (fail) {
        fail = false;
        res.writeHead(400, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ __type: "ParameterNotFound", message: "nope" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ Parameter: { Name: "/p", Type: "SecureString", Value: "https://oncall.example/integrations/v1/webhook/S3CRET/" } }));
    });
    try {
      const resolve = integrationUrlResolver({ kind: "parameter", name: "/e2o/bf/oncall-integration-url" }, "eu-west-1", { endpoint: aws.endpoint, credentials });
      await expect(resolve()).rejects.toMatchObject({ name: "ParameterNotFound" });
      await expect(resolve()).resolves.toBe("https://oncall.example/integrations/v1/webhook/S3CRET/");
      await expect(resolve()).resolves.toBe("https://oncall.example/integrations/v1/webhook/S3CRET/");
      expect(aws.seen).toHaveLength(2);
      expect(aws.seen[1]!.target).toBe("AmazonSSM.GetParameter");
      expect(JSON.parse(aws.seen[1]!.body)).toEqual({ Name: "/e2o/bf/oncall-integration-url", WithDecryption: true });
    } finally {
      await aws.close();
    }
  });

  it("returns a direct URL without touching SSM", async () => {
    await expect(integrationUrlResolver({ kind: "direct", url: "http://127.0.0.1:1/x" }, "eu-west-1")()).resolves.toBe("http://127.0.0.1:1/x");
  });

  it("sends the dead-letter record as the message body to the queue URL (SendMessage), and throws on AccessDenied", async () => {
    const queueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/e2o-bf-dlq";
    const record = deadLetterRecord({ Records: [{ ses: { mail: { messageId: "m1" } } }] }, { status: 403, attempts: 1, alertUid: "bf:1", messageId: "m1", at: "2026-11-27T15:00:00.000Z" });
    const aws = await fakeAws((_req, body, res) => {
      const { MessageBody } = JSON.parse(body) as { MessageBody: string };
      const md5 = createHash("md5").update(MessageBody).digest("hex");
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ MessageId: "sqs-1", MD5OfMessageBody: md5 }));
    });
    try {
      await sqsDeadLetters(queueUrl, "eu-west-1", { endpoint: aws.endpoint, credentials }).send(record);
      expect(aws.seen).toHaveLength(1);
      expect(aws.seen[0]!.target).toBe("AmazonSQS.SendMessage");
      const sent = JSON.parse(aws.seen[0]!.body) as { QueueUrl: string; MessageBody: string };
      expect(sent.QueueUrl).toBe(queueUrl);
      expect(JSON.parse(sent.MessageBody)).toEqual(record);
    } finally {
      await aws.close();
    }
    const denied = await fakeAws((_req, _b, res) =>
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ __type: "com.amazonaws.sqs#AccessDenied", message: "denied" })),
    );
    try {
      await expect(sqsDeadLetters(queueUrl, "eu-west-1", { endpoint: denied.endpoint, credentials }).send(record)).rejects.toMatchObject({ name: "AccessDenied" });
    } finally {
      await denied.close();
    }
  });
});
