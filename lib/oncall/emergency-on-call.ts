import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Construct } from "constructs";
import { planShift } from "./shift-planning";
import { utcToLocal } from "../core/time";
import type { IHealthTopicConsumer } from "../aws/emergency-inbox";
import type { IStatusEndpointConsumer, StatusEndpointTarget } from "../aws/status-endpoint";
import { StatusWebhooks } from "./status-webhooks";
import { nameFrom } from "../core/names";
import { isUnresolved } from "../core/tokens";
import { OnCallDirectory } from "./directory";
import { EscalationChain } from "./escalation-chain";
import { PipelineHealthIntegration } from "./health-integration";
import { MailIntegration } from "./mail-integration";
import type { Rotation, ShiftPlan } from "./rotation";
import { OnCallSchedule } from "./schedule";
import type { EscalationStep } from "./steps";

/** A route: mail matching every given pattern takes the named chain (of `escalations`). */
export interface EmergencyRoute {
  /** Python `re` pattern on the subject (case-insensitive). */
  readonly subject?: string;
  /** Python `re` pattern on the sender address (case-insensitive). */
  readonly sender?: string;
  /** Slugs of the recognised customer (EmergencyInbox `customers`). @default any */
  readonly customers?: readonly string[];
  /** Tiers of the recognised customer. @default any */
  readonly tiers?: readonly string[];
  /** Key of `escalations`. */
  readonly escalation: string;
  /** @default no Slack channel */
  readonly slackChannel?: string;
}

/** What the OnCall side needs of a customer of the line (the inbox's CustomerProps carry the rest). */
export interface EmergencyOnCallCustomer {
  readonly slug: string;
  /** @default "standard" */
  readonly tier?: string;
  /** Slack channel of this customer's alert groups: a route of its own, before the tier routes. @default none */
  readonly slackChannel?: string;
}

/** OnCall names (unique per organisation). Each defaults to one derived from `slug`. */
export interface EmergencyOnCallNames {
  readonly schedule?: string;
  /** By rotation index. */
  readonly shifts?: readonly string[];
  /** By chain key; `default` is the default escalation. */
  readonly chains?: Readonly<Record<string, string>>;
  readonly notifyChain?: string;
  readonly mailIntegration?: string;
  /** The notify lane's own integration. */
  readonly notifyIntegration?: string;
  readonly healthIntegration?: string;
  /** Prefix of the status webhooks' names (the trigger is appended). */
  readonly statusWebhooks?: string;
}

export interface EmergencyOnCallProps {
  /**
   * Prefix of every OnCall name (OnCall wants them unique in the organisation).
   * @default derived from the construct ids
   */
  readonly slug?: string;
  /** Shown in the integrations' names. */
  readonly title: string;
  /** @default no team */
  readonly team?: string;
  /** When the line is live: the shifts start with the first group at the window start and end with it. */
  readonly window: { readonly start: Date; readonly end: Date; readonly timeZone: string };
  /** Rotation layers, later ones win where they overlap. */
  readonly rotations: readonly Rotation[];
  /**
   * Shifts planned already (the YAML app passes its own). @default planned from `rotations`
   */
  readonly shifts?: readonly ShiftPlan[];
  /** The default escalation (`Step.pageOnCall({ important: true })`, ...). */
  readonly escalation: readonly EscalationStep[];
  /** Further chains, by key, for `routes`. @default none */
  readonly escalations?: Readonly<Record<string, readonly EscalationStep[]>>;
  /** @default none */
  readonly routes?: readonly EmergencyRoute[];
  /** Slack channel of the default and notify routes. @default none */
  readonly slackChannel?: string;
  /**
   * The line's customers (issue 13), for per-customer routing: a customer with a Slack channel gets
   * a route of its own (its tier's chain, to its channel), after `routes`. @default none
   */
  readonly customers?: readonly EmergencyOnCallCustomer[];
  /**
   * Escalation by customer tier: tier → key of `escalations` (or "default"). One route per tier,
   * after `routes` and the customers' own routes. @default none
   */
  readonly tierEscalations?: Readonly<Record<string, string>>;
  /** @default derived from slug and title */
  readonly names?: EmergencyOnCallNames;
}

/**
 * The Grafana OnCall side of one emergency line: users and team looked up by name, a calendar
 * schedule of rolling shifts, the escalation chains (the notify lane's pages nobody), the mail
 * integration with its templates and routes, and, once the inbox hands over its health topic, the
 * pipeline-health integration subscribed to it. The grafana provider comes from the consumer's
 * stack. Children: `directory`, `schedule`, `escalationChains`, `mail`, `health`.
 */
export class EmergencyOnCall extends Construct implements IHealthTopicConsumer, IStatusEndpointConsumer {
  public readonly directory: OnCallDirectory;
  public readonly schedule: OnCallSchedule;
  /** By key; `default` is the default escalation, NOTIFY_CHAIN the notify lane's. */
  public readonly escalationChains: ReadonlyMap<string, EscalationChain>;
  public readonly mail: MailIntegration;
  /**
   * The notify lane's own integration (same templates, default route to the notify chain): its own
   * OnCall rate budget, so a flood of low-urgency alerts cannot make OnCall refuse a page.
   */
  public readonly notifyMail: MailIntegration;
  /** The pipeline-health integration, after `consumeHealthTopic`. */
  public health?: PipelineHealthIntegration;
  /** Outgoing webhooks that mail the customer on acknowledge, resolve and unresolve, after `consumeStatusEndpoint`. */
  public statusWebhooks?: StatusWebhooks;
  private readonly statusWebhooksName: string;
  /** The mail integration's URL wrapped in `sensitive()`: a credential, never an output. */
  public readonly integrationLink: string;
  /** The notify integration's URL, `sensitive()` like the other (EmergencyInbox.notifyIntegrationUrl). */
  public readonly notifyIntegrationLink: string;
  private readonly healthName: string;

  constructor(scope: Construct, id: string, props: EmergencyOnCallProps) {
    super(scope, id);
    const slug = props.slug ?? nameFrom(this, "", 40);
    if (props.rotations.length === 0 && !props.shifts?.length) throw new Error("EmergencyOnCall: rotations needs at least one rotation, or nobody is on call");
    if (props.escalation.length === 0) throw new Error("EmergencyOnCall: escalation needs at least one step, or nobody is paged");
    if (props.escalations && "default" in props.escalations) throw new Error('EmergencyOnCall: escalations must not have a key "default": that is `escalation`');
    if (!isUnresolved(props.window.start) && props.window.start.getTime() >= props.window.end.getTime()) throw new Error("EmergencyOnCall: window.start must be before window.end");
    props.rotations.forEach((r, i) => {
      const every = r.every.toSeconds();
      if (isUnresolved(every)) return;
      // OnCall recurs hourly, daily or weekly by a whole interval.
      if (every <= 0 || every % 3600 !== 0) throw new Error(`EmergencyOnCall: rotations[${i}].every must be a positive whole number of hours, got ${r.every.toString()}`);
      const shift = r.shift?.toSeconds();
      if (shift !== undefined && !isUnresolved(shift) && (shift <= 0 || shift > every)) throw new Error(`EmergencyOnCall: rotations[${i}].shift must be positive and at most every, got ${r.shift!.toString()}`);
    });
    const known = (key: string) => key === "default" || props.escalations?.[key] !== undefined;
    for (const r of props.routes ?? []) {
      if (!props.escalations?.[r.escalation]) throw new Error(`EmergencyOnCall: routes: escalation "${r.escalation}" is not a key of escalations`);
      if (r.subject === undefined && r.sender === undefined && r.customers === undefined && r.tiers === undefined) throw new Error("EmergencyOnCall: routes: a route needs a subject, sender, customers or tiers to match");
    }
    const customers = props.customers ?? [];
    const slugs = new Set(customers.map((c) => c.slug));
    for (const r of props.routes ?? []) {
      for (const c of r.customers ?? []) if (!slugs.has(c)) throw new Error(`EmergencyOnCall: routes: customer "${c}" is not one of customers (${[...slugs].join(", ") || "none given"})`);
    }
    for (const [tier, key] of Object.entries(props.tierEscalations ?? {})) {
      if (!known(key)) throw new Error(`EmergencyOnCall: tierEscalations.${tier}: escalation "${key}" is not a key of escalations (or "default")`);
    }
    const n = props.names ?? {};
    const chainsByKey: [string, readonly EscalationStep[]][] = [["default", props.escalation], ...Object.entries(props.escalations ?? {})];

    const users = new Set<string>();
    for (const r of props.rotations) for (const u of r.users) for (const x of Array.isArray(u) ? u : [u as string]) users.add(x);
    for (const s of props.shifts ?? []) for (const g of s.groups) for (const x of g) users.add(x);
    for (const [, steps] of chainsByKey) for (const s of steps) for (const p of s.persons ?? []) users.add(p);
    const slackChannels = [props.slackChannel, ...(props.routes ?? []).map((r) => r.slackChannel), ...customers.map((c) => c.slackChannel)].filter((c): c is string => c !== undefined);
    this.directory = new OnCallDirectory(this, "directory", { usernames: [...users], team: props.team, slackChannels });

    const scheduleName = n.schedule ?? `${slug} on-call`;
    const startLocal = utcToLocal(props.window.start, props.window.timeZone).slice(0, 16);
    const shifts =
      props.shifts ??
      props.rotations.map((r, i) =>
        planShift(r, i, { ...props.window, startLocal }),
      );
    this.schedule = new OnCallSchedule(this, "schedule", {
      name: scheduleName,
      timeZone: props.window.timeZone,
      shifts,
      shiftNames: n.shifts ?? shifts.map((s) => `${scheduleName} ${s.name}`),
      directory: this.directory,
    });

    const chains = new Map<string, EscalationChain>();
    for (const [key, steps] of chainsByKey) {
      // "escalation-notify" is the notify lane's chain: a chain the consumer calls "notify" gets another id.
      chains.set(key, new EscalationChain(this, key === "notify" ? "escalation-notify-chain" : `escalation-${key}`, { name: n.chains?.[key] ?? (key === "default" ? slug : `${slug} ${key}`), steps, directory: this.directory, scheduleId: this.schedule.schedule.id }));
    }
    // The notify lane: a chain with no steps pages nobody; its alert groups show in OnCall (and the
    // Slack channel, if set) for someone to look at when they can (docs/trust.md).
    chains.set(NOTIFY_CHAIN, new EscalationChain(this, "escalation-notify", { name: n.notifyChain ?? `${slug} notify (no paging)`, steps: [], directory: this.directory, scheduleId: this.schedule.schedule.id }));
    this.escalationChains = chains;
    const chainId = (key: string) => chains.get(key)!.chain.id;

    this.mail = new MailIntegration(this, "mail", {
      name: n.mailIntegration ?? `${slug}: ${props.title} (e-mail)`,
      defaultEscalationChainId: chainId("default"),
      notifyEscalationChainId: chainId(NOTIFY_CHAIN),
      routes: [
        ...(props.routes ?? []).map((r) => ({ match: { subject: r.subject, sender: r.sender, customers: r.customers, tiers: r.tiers }, escalationChainId: chainId(r.escalation), slackChannel: r.slackChannel })),
        ...customerRoutes(customers, props.tierEscalations ?? {}).map((r) => ({ ...r, escalationChainId: chainId(r.escalation) })),
      ],
      slackChannel: props.slackChannel,
      directory: this.directory,
    });
    this.integrationLink = this.mail.link;
    this.notifyMail = new MailIntegration(this, "notify-mail", {
      name: n.notifyIntegration ?? `${slug}: ${props.title} (e-mail, notify lane)`,
      defaultEscalationChainId: chainId(NOTIFY_CHAIN),
      // A customer's low-urgency alerts (an unlisted colleague, unverified mail) reach its channel too, paging nobody.
      routes: customers
        .filter((c) => c.slackChannel !== undefined)
        .map((c) => ({ match: { customers: [c.slug] }, escalationChainId: chainId(NOTIFY_CHAIN), slackChannel: c.slackChannel, lane: "notify" as const })),
      slackChannel: props.slackChannel,
      directory: this.directory,
    });
    this.notifyIntegrationLink = this.notifyMail.link;
    this.healthName = n.healthIntegration ?? `${slug}: ${props.title} - mail pipeline health`;
    this.statusWebhooksName = n.statusWebhooks ?? `${slug}: status mail to the customer`;
  }

  /**
   * Outgoing webhooks on acknowledge, resolve and unresolve of the mail integration's alert groups
   * (never the notify lane's: it sends no replies) to the inbox's status endpoint.
   */
  public consumeStatusEndpoint(target: StatusEndpointTarget): void {
    if (this.statusWebhooks) throw new Error("EmergencyOnCall: a status endpoint is already wired");
    this.statusWebhooks = new StatusWebhooks(this, "status-webhooks", { name: this.statusWebhooksName, url: target.url, authorizationHeader: target.authorizationHeader, integrationIds: [this.mail.integration.id], teamId: this.directory.teamId });
  }

  /** Subscribes an `amazon_sns` integration, paging the default chain, to the inbox's health topic. */
  public consumeHealthTopic(topic: SnsTopic): void {
    if (this.health) throw new Error("EmergencyOnCall: a health topic is already subscribed");
    this.health = new PipelineHealthIntegration(this, "health", { name: this.healthName, topic, escalationChainId: this.escalationChains.get("default")!.chain.id, teamId: this.directory.teamId });
  }
}

/**
 * The routes that per-customer routing adds after the configured ones: one per customer with a
 * Slack channel (to its channel, with its tier's chain), then one per tier of `tierEscalations`.
 * Customers without a channel share their tier's route, so 500 customers are not 500 routes.
 */
export function customerRoutes(customers: readonly EmergencyOnCallCustomer[], tierEscalations: Readonly<Record<string, string>>): { match: { customers?: string[]; tiers?: string[] }; escalation: string; slackChannel?: string }[] {
  const own = customers
    .filter((c) => c.slackChannel !== undefined)
    .map((c) => ({ match: { customers: [c.slug] }, escalation: tierEscalations[c.tier ?? "standard"] ?? "default", slackChannel: c.slackChannel }));
  const tiers = Object.entries(tierEscalations).map(([tier, escalation]) => ({ match: { tiers: [tier] }, escalation }));
  return [...own, ...tiers];
}

/** Key of the notify lane's chain in `escalationChains` ("(" cannot appear in a chain key of the YAML). */
export const NOTIFY_CHAIN = "(notify)";
