import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { Construct } from "constructs";

export interface HttpsDeadLettersProps {
  readonly topicArn: string;
  readonly accountId: string;
  readonly deadLetterQueueName: string;
  readonly alarmName: string;
  /** What the alarm tells a person. */
  readonly alarmDescription: string;
  /** @default 300 */
  readonly periodSeconds?: number;
}

/**
 * Where SNS puts what an HTTPS subscription of the health topic could not deliver after all its
 * retries: an encrypted queue only this topic may write to, and an alarm on it that publishes to the
 * topic (so the other subscribers hear that one of them went deaf). Ids in `scope`:
 * `https-dead-letter-queue`, `...-policy-document`, `...-policy`, `https-dead-letters`.
 */
export function httpsDeadLetters(scope: Construct, props: HttpsDeadLettersProps): { queue: SqsQueue; alarm: CloudwatchMetricAlarm; redrivePolicy: string } {
  const topicArn = props.topicArn;
  const queue = new SqsQueue(scope, "https-dead-letter-queue", {
    name: props.deadLetterQueueName,
    sqsManagedSseEnabled: true,
    // The longest SQS allows: what a subscriber missed stays readable over a long weekend.
    messageRetentionSeconds: 1209600,
  });
  const queuePolicy = new DataAwsIamPolicyDocument(scope, "https-dead-letter-queue-policy-document", {
    statement: [
      {
        sid: "HealthTopicDeadLetters",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
        actions: ["sqs:SendMessage"],
        resources: [queue.arn],
        condition: [
          { test: "ArnEquals", variable: "aws:SourceArn", values: [topicArn] },
          { test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] },
        ],
      },
    ],
  });
  new SqsQueuePolicy(scope, "https-dead-letter-queue-policy", { queueUrl: queue.url, policy: queuePolicy.json });
  const alarm = new CloudwatchMetricAlarm(scope, "https-dead-letters", {
    alarmName: props.alarmName,
    alarmDescription: props.alarmDescription,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    statistic: "Maximum",
    dimensions: { QueueName: props.deadLetterQueueName },
    period: props.periodSeconds ?? 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    treatMissingData: "notBreaching",
    alarmActions: [topicArn],
    okActions: [topicArn],
  });
  return { queue, alarm, redrivePolicy: JSON.stringify({ deadLetterTargetArn: queue.arn }) };
}
