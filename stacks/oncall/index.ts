import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Construct } from "constructs";
import type { EventSpec } from "../../config/load";
import type { FoundationConfig } from "../../config/schema";

export interface EventOnCallProps {
  readonly event: EventSpec;
  readonly foundation: FoundationConfig;
  /** SNS topic the pipeline's CloudWatch alarms publish to; the health integration subscribes to it. */
  readonly healthTopic: SnsTopic;
}

/**
 * The Grafana OnCall side of one event. STUB until the on-call issue lands: it declares nothing
 * and exposes a placeholder link so the event stack can be wired end to end.
 */
export class EventOnCall extends Construct {
  /** Token for the mail integration's URL (`link`); a credential, stored by the stack in SSM. */
  public readonly integrationLink: string;

  constructor(scope: Construct, id: string, props: EventOnCallProps) {
    super(scope, id);
    void props;
    this.integrationLink = "https://oncall.invalid/integrations/v1/webhook/placeholder/";
  }
}
