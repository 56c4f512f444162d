import { Construct } from "constructs";
import { OncallOutgoingWebhook } from "../../.gen/providers/grafana/oncall-outgoing-webhook";

/** The OnCall triggers that send the customer a status mail. */
export const STATUS_TRIGGERS = ["acknowledge", "resolve", "unresolve"] as const;

export interface StatusWebhooksProps {
  /** Prefix of the webhooks' names (unique in the organisation). */
  readonly name: string;
  /** The status endpoint (StatusEndpoint.url). */
  readonly url: string;
  /** The shared secret (StatusEndpoint.authorizationHeader, sensitive). */
  readonly authorizationHeader: string;
  /** Only alert groups of these integrations trigger them: the mail integration's id. */
  readonly integrationIds: readonly string[];
  /** @default no team */
  readonly teamId?: string;
}

/**
 * One outgoing webhook per status trigger (acknowledge, resolve, unresolve), for the mail
 * integration only (`integration_filter`), POSTing OnCall's whole payload (its `alert_payload` is
 * our alert, which says whom to write) with the shared secret as the Authorization header
 * (`authorization_header`, sensitive in the provider: plans show it masked).
 */
export class StatusWebhooks extends Construct {
  public readonly webhooks: readonly OncallOutgoingWebhook[];

  constructor(scope: Construct, id: string, props: StatusWebhooksProps) {
    super(scope, id);
    if (props.integrationIds.length === 0) throw new Error("StatusWebhooks: integrationIds needs the mail integration, or every integration's alert groups would mail customers");
    this.webhooks = STATUS_TRIGGERS.map(
      (trigger) =>
        new OncallOutgoingWebhook(this, trigger, {
          name: `${props.name} (${trigger})`,
          url: props.url,
          httpMethod: "POST",
          triggerType: trigger,
          integrationFilter: [...props.integrationIds],
          forwardWholePayload: true,
          authorizationHeader: props.authorizationHeader,
          isWebhookEnabled: true,
          teamId: props.teamId,
        }),
    );
  }
}
