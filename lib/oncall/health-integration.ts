import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { OncallIntegration } from "../../.gen/providers/grafana/oncall-integration";

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
}

/**
 * When the mail pipeline itself breaks (function errors, dead letters), CloudWatch alarms publish
 * to SNS; this `amazon_sns` integration, whose built-in templates understand CloudWatch alarm
 * notifications and resolve on OK, pages the same on-call people.
 */
export class PipelineHealthIntegration extends Construct {
  public readonly integration: OncallIntegration;
  public readonly subscription: SnsTopicSubscription;

  constructor(scope: Construct, id: string, props: PipelineHealthIntegrationProps) {
    super(scope, id);
    this.integration = new OncallIntegration(this, "integration", {
      name: props.name,
      type: "amazon_sns",
      teamId: props.teamId,
      defaultRoute: { escalationChainId: props.escalationChainId },
    });
    this.subscription = new SnsTopicSubscription(this, "subscription", {
      topicArn: props.topic.arn,
      protocol: "https",
      // The URL is a credential and hashicorp/aws does not mark `endpoint` sensitive: wrap it so
      // plans show "(sensitive value)". It still lands in state, like every secret Terraform manages.
      endpoint: Fn.sensitive(this.integration.link) as string,
      // OnCall's amazon_sns integration confirms the subscription itself; Terraform waits for it.
      endpointAutoConfirms: true,
      confirmationTimeoutInMinutes: 5,
    });
  }
}
