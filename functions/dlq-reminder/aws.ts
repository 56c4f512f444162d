import type { GetQueueAttributesCommand as GetQueueAttributes, SQSClient as SQS } from "@aws-sdk/client-sqs";
import type { PublishCommand as Publish, SNSClient as SNS } from "@aws-sdk/client-sns";

/** Test seam: point the clients at a local stand-in (never set in Lambda). */
export interface ClientOverrides {
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** How many messages the queue holds (visible ones: what a replay would read). */
export interface QueueDepth {
  stuck(): Promise<number>;
}

export interface Publisher {
  publish(subject: string, message: string): Promise<void>;
}

// Clients are loaded on first use like the mail function's: the SDK ships with the runtime and a
// check of an empty queue never loads the SNS client.

/** ApproximateNumberOfMessages of the queue; any error propagates so EventBridge retries. */
export function sqsQueueDepth(queueUrl: string, region: string, overrides: ClientOverrides = {}): QueueDepth {
  let loaded: Promise<{ sqs: SQS; GetQueueAttributesCommand: typeof GetQueueAttributes }> | undefined;
  return {
    async stuck() {
      loaded ??= import("@aws-sdk/client-sqs").then((m) => ({ sqs: new m.SQSClient({ region, ...overrides }), GetQueueAttributesCommand: m.GetQueueAttributesCommand }));
      const { sqs, GetQueueAttributesCommand } = await loaded;
      const res = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
      const raw = res.Attributes?.ApproximateNumberOfMessages;
      const n = Number(raw);
      // A missing or garbled count must not read as "empty": nobody would be reminded.
      if (raw === undefined || !Number.isInteger(n) || n < 0) throw new Error(`SQS GetQueueAttributes returned no usable ApproximateNumberOfMessages (${String(raw)})`);
      return n;
    },
  };
}

/** One message on the health topic; errors propagate (EventBridge retries the invocation). */
export function snsPublisher(topicArn: string, region: string, overrides: ClientOverrides = {}): Publisher {
  let loaded: Promise<{ sns: SNS; PublishCommand: typeof Publish }> | undefined;
  return {
    async publish(subject, message) {
      loaded ??= import("@aws-sdk/client-sns").then((m) => ({ sns: new m.SNSClient({ region, ...overrides }), PublishCommand: m.PublishCommand }));
      const { sns, PublishCommand } = await loaded;
      await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
    },
  };
}
