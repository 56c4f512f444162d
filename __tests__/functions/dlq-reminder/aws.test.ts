import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { snsPublisher, sqsQueueDepth } from "../../../functions/dlq-reminder/aws";

/** A local stand-in for SQS (JSON protocol) and SNS (query protocol), recording requests. */
async function fakeAws(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  const seen: { target?: string; contentType?: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ target: req.headers["x-amz-target"] as string | undefined, contentType: req.headers["content-type"], body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { endpoint, seen, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const credentials = { accessKeyId: "AKIDLOCALTEST", secretAccessKey: "local-test-secret" };
const queueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/e2o-bf-dlq";
const topicArn = "arn:aws:sns:eu-west-1:123456789012:e2o-bf-health";
const sqsJson = (res: http.ServerResponse, status: number, body: unknown) => res.writeHead(status, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify(body));

describe("dlq-reminder adapters against local stand-ins", () => {
  it("reads ApproximateNumberOfMessages of the queue (GetQueueAttributes)", async () => {
    const aws = await fakeAws((_req, _b, res) => sqsJson(res, 200, { Attributes: { ApproximateNumberOfMessages: "3" } }));
    try {
      await expect(sqsQueueDepth(queueUrl, "eu-west-1", { endpoint: aws.endpoint, credentials }).stuck()).resolves.toBe(3);
      expect(aws.seen[0]!.target).toBe("AmazonSQS.GetQueueAttributes");
      expect(JSON.parse(aws.seen[0]!.body)).toEqual({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] });
    } finally {
      await aws.close();
    }
  });

  it("throws on a missing count (never reads it as empty) and on AccessDenied", async () => {
    const empty = await fakeAws((_req, _b, res) => sqsJson(res, 200, { Attributes: {} }));
    try {
      await expect(sqsQueueDepth(queueUrl, "eu-west-1", { endpoint: empty.endpoint, credentials }).stuck()).rejects.toThrow(/no usable ApproximateNumberOfMessages/);
    } finally {
      await empty.close();
    }
    const denied = await fakeAws((_req, _b, res) => sqsJson(res, 400, { __type: "com.amazonaws.sqs#AccessDenied", message: "denied" }));
    try {
      await expect(sqsQueueDepth(queueUrl, "eu-west-1", { endpoint: denied.endpoint, credentials }).stuck()).rejects.toMatchObject({ name: "AccessDenied" });
    } finally {
      await denied.close();
    }
  });

  it("publishes subject and message to the topic (SNS Publish), and throws on AuthorizationError", async () => {
    const aws = await fakeAws((_req, _b, res) =>
      res
        .writeHead(200, { "content-type": "text/xml" })
        .end('<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>'),
    );
    try {
      await snsPublisher(topicArn, "eu-west-1", { endpoint: aws.endpoint, credentials }).publish("3 mails stuck", "line 1\nline 2");
      expect(aws.seen).toHaveLength(1);
      const form = new URLSearchParams(aws.seen[0]!.body);
      expect(Object.fromEntries(form)).toMatchObject({ Action: "Publish", TopicArn: topicArn, Subject: "3 mails stuck", Message: "line 1\nline 2" });
    } finally {
      await aws.close();
    }
    const denied = await fakeAws((_req, _b, res) =>
      res
        .writeHead(403, { "content-type": "text/xml" })
        .end('<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>denied</Message></Error><RequestId>r-2</RequestId></ErrorResponse>'),
    );
    try {
      await expect(snsPublisher(topicArn, "eu-west-1", { endpoint: denied.endpoint, credentials }).publish("s", "m")).rejects.toMatchObject({ name: "AuthorizationErrorException" });
    } finally {
      await denied.close();
    }
  });
});
