import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { OncallIntegration } from "../../.gen/providers/grafana/oncall-integration";
import { HTTPS_DELIVERY_POLICY } from "../aws/health-contacts";
import { httpsDeadLetters } from "../aws/https-dead-letters";
import { checkPattern } from "../core/tokens";

export interface PipelineHealthIntegrationProps {
  /** Integration name shown to responders. */
  readonly name: string;
  /** SNS topic the pipeline's CloudWatch alarms publish to. */
  readonly topic: SnsTopic;
  /** Chain that pages the same people as the mail integration. */
  readonly escalationChainId: string;
  /**
   * OnCall team id.
   * @default no team
   */
  readonly teamId?: string;
  /**
   * Queue where SNS puts the alarms it could not deliver to OnCall after all retries.
   * @default `<topic name>-oncall-dlq`
   */
  readonly deadLetterQueueName?: string;
  /**
   * Alarm on that queue (it publishes to the topic, so the second channel hears OnCall went deaf).
   * @default `<topic name>-oncall-dead-letters`
   */
  readonly deadLetterAlarmName?: string;
}

/**
 * When the mail pipeline itself breaks (function errors, dead letters), CloudWatch alarms publish
 * to SNS; this `amazon_sns` integration, whose built-in templates understand CloudWatch alarm
 * notifications and resolve on OK, pages the same on-call people. Its HTTPS subscription is
 * retried like every HTTPS health contact and dead-lettered to a queue of its own, alarmed.
 */
export class PipelineHealthIntegration extends Construct {
  public readonly integration: OncallIntegration;
  public readonly subscription: SnsTopicSubscription;
  /** What OnCall missed after SNS's retries. */
  public readonly deadLetterQueue: SqsQueue;
  public readonly deadLetterAlarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: PipelineHealthIntegrationProps) {
    super(scope, id);
    // The configured name when the topic was given one (a token otherwise: SNS and SQS check it at apply).
    const topicName = props.topic.nameInput ?? props.topic.name;
    const queueName = props.deadLetterQueueName ?? `${topicName}-oncall-dlq`;
    checkPattern("PipelineHealthIntegration", "deadLetterQueueName", queueName, /^[A-Za-z0-9_-]{1,80}$/, "1-80 letters, digits, - or _ (give a shorter deadLetterQueueName)");
    this.integration = new OncallIntegration(this, "integration", {
      name: props.name,
      type: "amazon_sns",
      teamId: props.teamId,
      defaultRoute: { escalationChainId: props.escalationChainId },
    });
    const dl = httpsDeadLetters(this, {
      topicArn: props.topic.arn,
      // The topic's own account (arn:aws:sns:<region>:<account>:<name>): no data source needed.
      accountId: Fn.element(Fn.split(":", props.topic.arn), 4),
      deadLetterQueueName: queueName,
      alarmName: props.deadLetterAlarmName ?? `${topicName}-oncall-dead-letters`,
      alarmDescription:
        "Grafana OnCall's health integration missed a pipeline alarm after all SNS retries (OnCall down, or the integration deleted). The second channel (e-mail/SMS) got it; check OnCall and the integration (docs/operations.md: OnCall missed an alarm).",
    });
    this.deadLetterQueue = dl.queue;
    this.deadLetterAlarm = dl.alarm;
    this.subscription = new SnsTopicSubscription(this, "subscription", {
      topicArn: props.topic.arn,
      protocol: "https",
      // The URL is a credential and hashicorp/aws does not mark `endpoint` sensitive: wrap it so
      // plans show "(sensitive value)". It still lands in state, like every secret Terraform manages.
      endpoint: Fn.sensitive(this.integration.link) as string,
      // OnCall's amazon_sns integration confirms the subscription itself; Terraform waits for it.
      endpointAutoConfirms: true,
      confirmationTimeoutInMinutes: 5,
      // OnCall down for a few minutes must not lose the alarm: SNS retries for about 40 minutes, then redrives.
      deliveryPolicy: JSON.stringify(HTTPS_DELIVERY_POLICY),
      redrivePolicy: dl.redrivePolicy,
    });
  }
}
