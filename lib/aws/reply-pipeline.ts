import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { bundledCode } from "./bundled-code";
import { ENV_REPLY_EVENT_SLUG, ENV_REPLY_FROM_ADDRESSES, ENV_REPLY_TABLE } from "../../functions/reply-sender/contract";
import { partitionFor } from "../core/partition";
import { checkIntegerRange, checkLength, checkOneOf, checkPattern, isUnresolved } from "../core/tokens";
import { lambdaRole } from "./lambda-role";
import { LOG_RETENTION_DAYS } from "./mail-to-alert-function";

export interface ReplyPipelineProps {
  /** Name of the sender function; its role, log group, queue and table derive from it (at most 60 characters). */
  readonly name: string;
  /**
   * The mail function signs the reply context of its alerts (status mails are on): alarm when it
   * could not (ReplyKeyUnavailable), since that alert group then gets no status mails.
   * @default false
   */
  readonly signedContext?: boolean;
  /** Event slug: the metrics' `Event` dimension. */
  readonly eventSlug: string;
  /** The event's addresses: the only From addresses the role may send as (`ses:FromAddress`). */
  readonly fromAddresses: readonly string[];
  /** The mail domain (its SES identity is the only one the role may send through). */
  readonly mailDomain: string;
  readonly region: string;
  readonly accountId: string;
  /** The health topic the pipeline's alarms publish to. */
  readonly topicArn: string;
  /** Zip holding the bundled reply-sender `index.mjs`. */
  readonly codeZip: string;
  /** Sends per queue message before it is dead-lettered (1-20). @default 5 */
  readonly maxReceiveCount?: number;
  /** Concurrent senders: SES's send rate is per account (1 per second in the sandbox). @default 2 */
  readonly reservedConcurrency?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /** Period of the alarms, seconds. @default 300 */
  readonly periodSeconds?: number;
}

const TIMEOUT_SECONDS = 30;

/**
 * The customer's replies, apart from the page: a queue the mail-to-alert (and status) functions
 * put reply requests on, a small sender function (batch 1, partial batch failures) that renders
 * and sends each once through SES, a dead-letter queue after `maxReceiveCount` tries, and an
 * idempotency table (DynamoDB, TTL, conditional writes: one record per mail or status, one per
 * thread and interval). The role may send only through the mail domain's identity and only as the
 * event's addresses. Alarms on the health topic: dead letters, sender errors, requests that could
 * not be queued. Children: `queue`, `deadLetterQueue`, `table`, `function`, `role`, `alarms`.
 */
export class ReplyPipeline extends Construct {
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;
  public readonly table: DynamodbTable;
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly eventSource: LambdaEventSourceMapping;
  public readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: ReplyPipelineProps) {
    super(scope, id);
    checkPattern("ReplyPipeline", "name", props.name, /^[A-Za-z0-9_-]{1,60}$/, "letters, digits, hyphens and underscores (at most 60: IAM and Lambda allow 64, and the dead-letter queue appends -dlq)");
    checkLength("ReplyPipeline", "fromAddresses", props.fromAddresses, 1, 500);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    checkIntegerRange("ReplyPipeline", "maxReceiveCount", maxReceiveCount, 1, 20);
    checkIntegerRange("ReplyPipeline", "reservedConcurrency", props.reservedConcurrency, 1, 100);
    checkOneOf("ReplyPipeline", "logRetentionDays", props.logRetentionDays, LOG_RETENTION_DAYS);
    const partition = partitionFor(this, props.region);
    const period = props.periodSeconds ?? 300;
    // A token stays as it is: lower-casing its placeholder would break it.
    const fromAddresses = props.fromAddresses.map((a) => (isUnresolved(a) ? a : a.toLowerCase()));

    this.deadLetterQueue = new SqsQueue(this, "dead-letter-queue", { name: `${props.name}-dlq`, sqsManagedSseEnabled: true, messageRetentionSeconds: 1209600 });
    this.queue = new SqsQueue(this, "queue", {
      name: props.name,
      sqsManagedSseEnabled: true,
      // Lambda's guidance for SQS sources: at least six times the function timeout.
      visibilityTimeoutSeconds: 6 * TIMEOUT_SECONDS,
      // A reply older than a day helps nobody; the dead-letter queue keeps failures for two weeks.
      messageRetentionSeconds: 86400,
      redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount }),
    });

    this.table = new DynamodbTable(this, "table", {
      name: props.name,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "pk",
      attribute: [{ name: "pk", type: "S" }],
      // DynamoDB deletes expired records lazily; the sender's conditions compare expiresAt too.
      ttl: { attributeName: "expiresAt", enabled: true },
      serverSideEncryption: { enabled: true },
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", { name: `/aws/lambda/${props.name}`, retentionInDays: props.logRetentionDays ?? 30 });
    this.role = lambdaRole(this, { name: props.name, accountId: props.accountId, description: `Runs ${props.name}: sends ${props.eventSlug}'s replies through SES as its own addresses, once` });
    const identityArn = `arn:${partition}:ses:${props.region}:${props.accountId}:identity/${props.mailDomain}`;
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        { sid: "ReadReplyQueue", effect: "Allow", actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], resources: [this.queue.arn] },
        { sid: "SendOnceRecords", effect: "Allow", actions: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], resources: [this.table.arn] },
        {
          sid: "SendAsThisEventsAddresses",
          effect: "Allow",
          actions: ["ses:SendEmail", "ses:SendRawEmail"],
          resources: [identityArn],
          condition: [{ test: "StringEquals", variable: "ses:FromAddress", values: fromAddresses }],
        },
        { sid: "WriteOwnLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
      ],
    });
    new IamRolePolicy(this, "role-policy", { name: "reply-sender", role: this.role.id, policy: permissions.json });
    this.function = new LambdaFunction(this, "function", {
      ...bundledCode(this, props.codeZip, this.logGroup),
      functionName: props.name,
      description: `Sends ${props.eventSlug}'s replies to customers through SES, once each`,
      role: this.role.arn,
      memorySize: 256,
      timeout: TIMEOUT_SECONDS,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 2,
      environment: { variables: { [ENV_REPLY_FROM_ADDRESSES]: fromAddresses.join(","), [ENV_REPLY_TABLE]: this.table.name, [ENV_REPLY_EVENT_SLUG]: props.eventSlug } },
      dependsOn: [this.logGroup],
    });
    this.eventSource = new LambdaEventSourceMapping(this, "event-source", {
      eventSourceArn: this.queue.arn,
      functionName: this.function.arn,
      // One reply per invocation; a failed one is retried alone (the others are not sent twice).
      batchSize: 1,
      functionResponseTypes: ["ReportBatchItemFailures"],
      dependsOn: [this.role],
    });

    const alarm = (suffix: string, runbook: string, metric: { namespace: string; metricName: string; statistic: string; dimensions: Record<string, string> }) =>
      new CloudwatchMetricAlarm(this, suffix, {
        alarmName: `${props.name}-${suffix}`,
        alarmDescription: runbook,
        ...metric,
        period,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    this.alarms = [
      alarm("dead-letter-queue-not-empty", "A customer reply failed every try and waits in the reply dead-letter queue. The page went out; write to the customer yourself, then see docs/operations.md (replies).", {
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        statistic: "Maximum",
        dimensions: { QueueName: `${props.name}-dlq` },
      }),
      alarm("errors", "The reply sender failed (SES refused or throttled, or the table is unreachable); the queue retries. In the SES sandbox only verified recipients get mail (docs/operations.md, replies).", {
        namespace: "AWS/Lambda",
        metricName: "Errors",
        statistic: "Sum",
        dimensions: { FunctionName: props.name },
      }),
      alarm("queue-failures", "mail-to-alert paged but could not queue the customer's acknowledgement (ReplyQueueFailures). The page is fine; tell the customer yourself and check the reply queue's policy.", {
        namespace: "EmailToOncall",
        metricName: "ReplyQueueFailures",
        statistic: "Sum",
        dimensions: { Event: props.eventSlug },
      }),
      ...(props.signedContext ? [alarm("key-unavailable", "mail-to-alert paged without a signed reply context (ReplyKeyUnavailable: the reply key in SSM could not be read): that alert group gets no status mails. The page is fine; check the key parameter and the role (docs/operations.md, replies).", {
        namespace: "EmailToOncall",
        metricName: "ReplyKeyUnavailable",
        statistic: "Sum",
        dimensions: { Event: props.eventSlug },
      })] : []),
    ];
  }
}
