import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { integrationUrlResolver, s3MailSource } from "../../functions/mail-to-alert/aws";

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
});
