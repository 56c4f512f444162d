import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Construct } from "constructs";
import { isUnresolved } from "../core/tokens";
import { checkHealthContacts, HealthContacts, HealthContactsInput } from "./health-contacts";

export interface PipelineAlarmsProps {
  /** Name of the SNS topic the alarms publish to (the OnCall health integration subscribes). */
  readonly topicName: string;
  readonly functionName: string;
  readonly deadLetterQueueName: string;
  /** Event slug: the `Event` dimension of the function's own metrics (EMF, namespace EmailToOncall). */
  readonly eventSlug: string;
  readonly accountId: string;
  /**
   * Evaluation period in seconds. Five minutes: a broken pipeline during an event is an incident.
   * @default 300
   */
  readonly periodSeconds?: number;
  /**
   * A second channel that does not depend on Grafana OnCall: e-mail, SMS and HTTPS subscriptions
   * of the health topic (HTTPS ones retried, then dead-lettered to a queue with its own alarm).
   * @default none
   */
  readonly contacts?: HealthContactsInput;
}

export interface AlarmSpec {
  readonly suffix: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: "Sum" | "Maximum";
  readonly dimensions: Record<string, string>;
  /** What a human should do; becomes the alarm description shown in the page. */
  readonly runbook: string;
}

/** The alarms that mean "a customer mail may not have paged", in the order of the README runbook. */
export function pipelineAlarmSpecs(functionName: string, deadLetterQueueName: string, eventSlug: string): AlarmSpec[] {
  const fn = { FunctionName: functionName };
  return [
    {
      suffix: "errors",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      statistic: "Sum",
      dimensions: fn,
      runbook: "mail-to-alert failed (delivery to OnCall or reading the mail); Lambda retries, then the dead-letter queue. See README runbook: Errors.",
    },
    {
      suffix: "dead-letter-queue-not-empty",
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      statistic: "Maximum",
      dimensions: { QueueName: deadLetterQueueName },
      runbook: "A customer mail did not page after all retries. Read the raw mail now, then replay it (README runbook: dead-letter queue).",
    },
    {
      suffix: "trusted-mail-dropped",
      namespace: "EmailToOncall",
      metricName: "TrustedMailDropped",
      statistic: "Sum",
      dimensions: { Event: eventSlug },
      runbook:
        "Mail whose From names a trusted sender (or a declared relay) was dropped: out-of-office, unverified, outside window, a relay that failed ARC, or a spoof. Find the reason in the function's log (message \"mail dropped\", trustedSender true) and call the customer if it was theirs (README runbook: trusted mail dropped).",
    },
    {
      suffix: "throttles",
      namespace: "AWS/Lambda",
      metricName: "Throttles",
      statistic: "Sum",
      dimensions: fn,
      runbook: "More mail than reserved concurrency allows (flood or loop?). Check the sender; raise function.reservedConcurrency if legitimate.",
    },
    {
      suffix: "destination-delivery-failures",
      namespace: "AWS/Lambda",
      metricName: "DestinationDeliveryFailures",
      statistic: "Sum",
      dimensions: fn,
      runbook: "Lambda could not write a failed event to the dead-letter queue: mail may be lost. Check the queue and the role (README runbook).",
    },
  ];
}

/**
 * The pipeline's own health: an SNS topic and the alarms that publish to it when the mail path
 * breaks, so the same on-call people hear about it through the OnCall health integration, and,
 * with `contacts`, through e-mail, SMS or HTTPS that still work when OnCall does not.
 */
export class PipelineAlarms extends Construct {
  public readonly topic: SnsTopic;
  public readonly alarms: CloudwatchMetricAlarm[];
  /** The second channel; undefined without `contacts`. */
  public readonly contacts?: HealthContacts;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const period = props.periodSeconds ?? 300;
    if (!isUnresolved(period) && (period < 60 || period % 60 !== 0)) throw new Error(`PipelineAlarms: periodSeconds must be a multiple of 60, got ${period}`);
    checkHealthContacts("PipelineAlarms", "contacts", props.contacts);

    // Not KMS-encrypted on purpose: CloudWatch cannot publish to a topic encrypted with the
    // AWS-managed SNS key, and alarm notifications carry no mail content.
    this.topic = new SnsTopic(this, "topic", { name: props.topicName });
    const topicPolicy = new DataAwsIamPolicyDocument(this, "topic-policy-document", {
      statement: [
        {
          sid: "CloudWatchAlarmsOfThisAccount",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["sns:Publish"],
          resources: [this.topic.arn],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
        },
      ],
    });
    new SnsTopicPolicy(this, "topic-policy", { arn: this.topic.arn, policy: topicPolicy.json });

    this.alarms = pipelineAlarmSpecs(props.functionName, props.deadLetterQueueName, props.eventSlug).map(
      (spec) =>
        new CloudwatchMetricAlarm(this, spec.suffix, {
          alarmName: `${props.functionName}-${spec.suffix}`,
          alarmDescription: spec.runbook,
          namespace: spec.namespace,
          metricName: spec.metricName,
          statistic: spec.statistic,
          dimensions: spec.dimensions,
          period,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [this.topic.arn],
          okActions: [this.topic.arn],
        }),
    );

    const c = props.contacts;
    if (c && (c.email?.length || c.sms?.length || c.https?.length)) {
      this.contacts = new HealthContacts(this, "contacts", {
        ...c,
        topic: this.topic,
        accountId: props.accountId,
        deadLetterQueueName: `${props.topicName}-https-dlq`,
        alarmName: `${props.functionName}-health-https-dead-letters`,
        periodSeconds: period,
      });
    }
  }
}
