import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Construct } from "constructs";
import type { EventSpec } from "../../config/load";
import { onCallNames } from "../../config/oncall-names";
import { allUsernames, compiledChains } from "../../config/oncall-schema";
import { planShifts } from "../../config/shift-plan";
import type { FoundationConfig } from "../../config/schema";
import { OnCallDirectory } from "./directory";
import { EscalationChain } from "./escalation-chain";
import { PipelineHealthIntegration } from "./health-integration";
import { MailIntegration } from "./mail-integration";
import { GrafanaOnCallProvider } from "./provider";
import { OnCallSchedule } from "./schedule";

export { OnCallDirectory } from "./directory";
export { EscalationChain } from "./escalation-chain";
export { PipelineHealthIntegration } from "./health-integration";
export { MailIntegration } from "./mail-integration";
export { GrafanaOnCallProvider } from "./provider";
export { OnCallSchedule } from "./schedule";

/** Key of the notify lane's chain in `escalationChains` (not a valid config chain name, so it cannot collide). */
export const NOTIFY_CHAIN = "(notify)";

export interface EventOnCallProps {
  readonly event: EventSpec;
  readonly foundation: FoundationConfig;
  /** SNS topic the pipeline's CloudWatch alarms publish to; the health integration subscribes to it. */
  readonly healthTopic: SnsTopic;
}

/**
 * The Grafana OnCall side of one event: provider, users and team, the calendar schedule, the
 * escalation chains, the mail integration with its templates and routes, and the pipeline-health
 * integration subscribed to the event's SNS topic.
 */
export class EventOnCall extends Construct {
  /**
   * The mail integration's URL (`link`) as a Terraform reference wrapped in `sensitive()`; a
   * credential, stored by the stack in SSM. Never put it in an output.
   */
  public readonly integrationLink: string;
  public readonly provider: GrafanaOnCallProvider;
  public readonly directory: OnCallDirectory;
  public readonly schedule: OnCallSchedule;
  /** Chains by config name; `default` is the event's `escalation`, NOTIFY_CHAIN the notify lane's. */
  public readonly escalationChains: ReadonlyMap<string, EscalationChain>;
  public readonly mail: MailIntegration;
  public readonly health: PipelineHealthIntegration;

  constructor(scope: Construct, id: string, props: EventOnCallProps) {
    super(scope, id);
    const { event } = props;
    const o = event.oncall;
    if (!o) {
      throw new Error(
        `${event.file}: the event has no \`oncall\` block; nobody would be paged. The smallest one:\n` +
          `oncall:\n  schedule:\n    rotations:\n      - users: [alice, bob, carol]\n        every: 12h`,
      );
    }
    this.provider = new GrafanaOnCallProvider(this, "provider");

    const slackChannels = [o.slackChannel, ...o.routes.map((r) => r.slackChannel)].filter((c): c is string => c !== undefined);
    this.directory = new OnCallDirectory(this, "directory", { usernames: allUsernames(o), team: o.team, slackChannels });

    // OnCall wants every name unique in the organisation; the loader checks these same names.
    const names = onCallNames({ ...event, oncall: o });
    this.schedule = new OnCallSchedule(this, "schedule", {
      name: names.schedule,
      timeZone: event.window.timeZone,
      shifts: planShifts(event),
      shiftNames: names.shifts,
      directory: this.directory,
    });

    const chains = new Map<string, EscalationChain>();
    for (const [name, steps] of compiledChains(o)) {
      chains.set(
        name,
        new EscalationChain(this, `escalation-${name}`, {
          name: names.chains.get(name)!,
          steps,
          directory: this.directory,
          scheduleId: this.schedule.schedule.id,
        }),
      );
    }
    // The notify lane: a chain with no steps pages nobody; its alert groups show in OnCall (and the
    // event's Slack channel, if set) for someone to look at when they can. See docs/trust.md.
    chains.set(
      NOTIFY_CHAIN,
      new EscalationChain(this, "escalation-notify", {
        name: names.notifyChain,
        steps: [],
        directory: this.directory,
        scheduleId: this.schedule.schedule.id,
      }),
    );
    this.escalationChains = chains;
    const chainId = (name: string) => chains.get(name)!.chain.id;

    this.mail = new MailIntegration(this, "mail", {
      name: names.mailIntegration,
      defaultEscalationChainId: chainId("default"),
      notifyEscalationChainId: chainId(NOTIFY_CHAIN),
      routes: o.routes.map((route) => ({ route, escalationChainId: chainId(route.escalation) })),
      slackChannel: o.slackChannel,
      directory: this.directory,
    });
    this.integrationLink = this.mail.link;

    this.health = new PipelineHealthIntegration(this, "health", {
      name: names.healthIntegration,
      topic: props.healthTopic,
      escalationChainId: chainId("default"),
      teamId: this.directory.teamId,
    });
  }
}
