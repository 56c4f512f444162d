import type { GetObjectCommand as GetObject, S3Client as S3 } from "@aws-sdk/client-s3";
import type { SendMessageCommand as SendMessage, SQSClient as SQS } from "@aws-sdk/client-sqs";
import type { UrlSource } from "./config";
import type { DeadLetterSink } from "./dead-letter";
import type { MailSource } from "./handler";
import type { ReplyQueue } from "./reply/reply-step";

/** Test seam: point the clients at a local stand-in (never set in Lambda). */
export interface ClientOverrides {
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

// The SDK clients (shipped by the Lambda runtime, external to the bundle) are loaded on first use:
// cold import stays small and a mail dropped on its SES verdicts never loads the S3 client.

/** Raw mail from the event's bucket; errors (throttling, access, missing object) propagate so Lambda retries. */
export function s3MailSource(bucket: string, region: string, overrides: ClientOverrides = {}): MailSource {
  let loaded: Promise<{ s3: S3; GetObjectCommand: typeof GetObject }> | undefined;
  return {
    async get(key) {
      loaded ??= import("@aws-sdk/client-s3").then((m) => ({
        s3: new m.S3Client({ region, forcePathStyle: overrides.endpoint !== undefined, ...overrides }),
        GetObjectCommand: m.GetObjectCommand,
      }));
      const { s3, GetObjectCommand } = await loaded;
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!res.Body) throw new Error("S3 GetObject returned no body");
      return res.Body.transformToByteArray();
    },
  };
}

/**
 * Integration URL, fetched once per cold start (the promise is cached; a failure is not, so the
 * next invocation tries again). The value is a credential: it is never logged.
 */
export function integrationUrlResolver(source: UrlSource, region: string, overrides: ClientOverrides = {}): () => Promise<string> {
  if (source.kind === "direct") return () => Promise.resolve(source.url);
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= import("@aws-sdk/client-ssm")
      .then((m) => new m.SSMClient({ region, ...overrides }).send(new m.GetParameterCommand({ Name: source.name, WithDecryption: true })))
      .then((r) => {
        const url = r.Parameter?.Value;
        if (!url || !/^https?:\/\//.test(url)) throw new Error(`SSM parameter ${source.name} does not hold an http(s) URL`);
        return url;
      })
      .catch((e: unknown) => {
        cached = undefined;
        throw e;
      });
    return cached;
  };
}

/**
 * The event's dead-letter queue, for the handler's own record of a permanent delivery failure.
 * Any error (access denied, throttling, queue gone) propagates: the handler then throws, and
 * Lambda's retries and on-failure destination still hold the event.
 */
export function sqsDeadLetters(queueUrl: string, region: string, overrides: ClientOverrides = {}): DeadLetterSink {
  let loaded: Promise<{ sqs: SQS; SendMessageCommand: typeof SendMessage }> | undefined;
  return {
    async send(record) {
      loaded ??= import("@aws-sdk/client-sqs").then((m) => ({ sqs: new m.SQSClient({ region, ...overrides }), SendMessageCommand: m.SendMessageCommand }));
      const { sqs, SendMessageCommand } = await loaded;
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(record) }));
    },
  };
}

/**
 * The event's reply queue (functions/reply-sender reads it). Errors propagate to the caller, which
 * logs and counts them and never lets them fail the page (reply/reply-step.ts).
 */
export function sqsReplyQueue(queueUrl: string, region: string, overrides: ClientOverrides = {}): ReplyQueue {
  let loaded: Promise<{ sqs: SQS; SendMessageCommand: typeof SendMessage }> | undefined;
  return {
    async send(request) {
      loaded ??= import("@aws-sdk/client-sqs").then((m) => ({ sqs: new m.SQSClient({ region, ...overrides }), SendMessageCommand: m.SendMessageCommand }));
      const { sqs, SendMessageCommand } = await loaded;
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(request) }));
    },
  };
}
