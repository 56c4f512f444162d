import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { Construct } from "constructs";
import type { LanePolicy } from "../../functions/mail-to-alert/contract";
import { nameFrom } from "../core/names";
import { partitionFor, receiptRuleArn } from "../core/partition";
import { checkIntegerRange, checkLength, checkPattern, isUnresolved } from "../core/tokens";
import { CanaryKey } from "./canary-key";
import { SigningKey } from "./signing-key";
import { DeadLetterReminder } from "./dead-letter-reminder";
import { EventCanary } from "./event-canary";
import { shippedCanaryZip, shippedFunctionZip, shippedReminderZip, shippedReplySenderZip, shippedStatusZip } from "./function-code";
import { Duration } from "../core/duration";
import { ReplyPipeline } from "./reply-pipeline";
import { IStatusEndpointConsumer, StatusEndpoint } from "./status-endpoint";
import { statusConfigOf } from "../../functions/oncall-status/contract";
import { MailToAlertFunction, type MailToAlertFunctionProps } from "./mail-to-alert-function";
import { checkHealthContacts, HealthContactsInput } from "./health-contacts";
import { PipelineAlarms } from "./pipeline-alarms";
import { ReceiptRule } from "./receipt-rule";
import { buildRuntimeConfig, customerLabel, CustomerProps, inboxAddresses, RepliesProps, TrustedSendersProps } from "./runtime-config";
import { checkCustomers } from "./customer-checks";

export { customerLabel };

/** Who hears when the pipeline itself breaks: gets the health topic once the inbox made it. */
export interface IHealthTopicConsumer {
  consumeHealthTopic(topic: SnsTopic): void;
}

/** Names of the inbox's AWS resources. Each defaults to `<namePrefix>-<slug>` plus a suffix. */
export interface EmergencyInboxNames {
  readonly ruleName?: string;
  readonly functionName?: string;
  readonly roleName?: string;
  readonly logGroupName?: string;
  readonly deadLetterQueueName?: string;
  readonly urlParameterName?: string;
  readonly notifyUrlParameterName?: string;
  readonly healthTopicName?: string;
  /** The dead-letter reminder's function, role and schedule rule. @default `<base>-remind` */
  readonly reminderName?: string;
  /** The reply sender's function, role, queue (`-dlq` for its dead letters) and table. @default `<base>-reply` */
  readonly replyPipelineName?: string;
  /** The status endpoint's function, role and API. @default `<base>-status` */
  readonly statusName?: string;
  /** SSM SecureString of the status webhooks' shared secret. @default `/<namePrefix>/<slug>/oncall-status-secret` */
  readonly statusSecretParameterName?: string;
  /** SSM SecureString of the key that signs each alert's reply context. @default `/<namePrefix>/<slug>/reply-key` */
  readonly replyKeyParameterName?: string;
  /** The canary's function, role and schedule rule. @default `<base>-canary` */
  readonly canaryName?: string;
  /** The canary key's SSM parameter. @default `/<namePrefix>/<slug>/canary-key` */
  readonly canaryKeyParameterName?: string;
}

/**
 * The end-to-end canary (EventCanary): a signed mail through SES to each address on a schedule,
 * counted by the function, alarmed when missing. Needs the `random` provider in the stack (the key).
 */
export interface EmergencyInboxCanaryProps {
  /** How often; whole minutes, 5-720. @default Duration.minutes(15) */
  readonly interval?: Duration;
  /** Canaries start this long before the window opens, so a broken address is found before the event. @default Duration.hours(24) */
  readonly preflight?: Duration;
  /** The canary's From; its domain must be the SES-verified mail domain. @default `canary@<domain of the first address>` */
  readonly fromAddress?: string;
  /** Deployment package of the canary function. @default the bundle shipped with the package */
  readonly codeZip?: string;
  /**
   * Also ping the OnCall integration's heartbeat on each canary, so OnCall itself alerts when canaries
   * stop; its timeout is set in the OnCall UI only (integration > Heartbeat). @default false
   */
  readonly heartbeat?: boolean;
}

/** Replies (RepliesProps: the words) plus how they are sent. */
export interface EmergencyInboxRepliesProps extends RepliesProps {
  /** Deployment package of the reply-sender function. @default the bundle shipped with the package */
  readonly senderCodeZip?: string;
  /**
   * The status mails ("acknowledged by", "resolved"): an endpoint for OnCall's outgoing webhooks,
   * handed to `statusEndpointConsumer`. `false`: acknowledgements only.
   * @default on
   */
  readonly status?: { readonly codeZip?: string; readonly maxAgeSeconds?: number } | false;
}

/** The dead-letter reminder (DeadLetterReminder): on by default, because alarms speak only once. */
export interface EmergencyInboxReminderProps {
  /** How often a non-empty dead-letter queue is told again; whole minutes, 5-1440. @default Duration.minutes(30) */
  readonly interval?: Duration;
  /** Deployment package of the dlq-reminder function. @default the bundle shipped with the package */
  readonly codeZip?: string;
}

/**
 * How the function runs: MailToAlertFunction's own knobs (same defaults, documented there), plus
 * the alert's body limit. Every field has a safe default.
 */
export interface EmergencyInboxFunctionProps
  extends Pick<MailToAlertFunctionProps, "memoryMb" | "timeoutSeconds" | "reservedConcurrency" | "logRetentionDays" | "retryAttempts" | "maxEventAgeSeconds"> {
  /** Longest body text in an alert (500-50000). @default 8000 */
  readonly bodyMaxChars?: number;
}

export interface EmergencyInboxProps {
  /** Human title of the event, shown in alerts. */
  readonly title: string;
  /**
   * Who writes in, shown in alerts whose sender is none of `customers`' (and as the event's label).
   * @default the customers' names (required when there are no customers)
   */
  readonly customer?: string;
  /**
   * The customers the line serves (issue 13): each with its own trusted senders (a sender belongs
   * to one customer only), tier, language, reply contacts, notes for responders and aliases. The
   * function names the customer of each mail in its alert.
   * @default none: `customer` and `trustedSenders` alone
   */
  readonly customers?: readonly CustomerProps[];
  /**
   * Identifier of the inbox: the metrics' `Event` dimension, the alert groups' prefix, the raw
   * mail's key prefix and the default resource names.
   * @default derived from the construct ids
   */
  readonly slug?: string;
  /** Full addresses on the mail domain that page (the receipt rule's recipients; 1-500). */
  readonly addresses: readonly string[];
  /** When the address is live (a mail outside it follows `policy.outsideWindow`). */
  readonly window: { readonly start: Date; readonly end: Date; readonly timeZone: string };
  /**
   * Who may page for the line as a whole (the platform's own staff, or the one customer); trust
   * is bound to what SES authenticated (docs/trust.md).
   * @default none (then every customer's own senders only)
   */
  readonly trustedSenders?: TrustedSendersProps;
  /** @default unverified: notify, unlistedColleague: notify, outsideWindow: page */
  readonly policy?: Partial<LanePolicy>;
  /** The account's receipt rule set (EmergencyMailDomain.ruleSetName). */
  readonly ruleSetName: string;
  /** The raw-mail bucket (EmergencyMailDomain.bucketName). */
  readonly bucketName: string;
  /** Region of SES inbound and the bucket. */
  readonly region: string;
  /** The OnCall integration URL the function posts to (a credential; stored in SSM, never in the environment). */
  readonly integrationUrl: string;
  /**
   * The notify lane's own integration URL (EmergencyOnCall.notifyIntegrationLink): low-urgency
   * alerts spend its rate budget, not the paging integration's.
   * @default none: the notify lane posts to integrationUrl
   */
  readonly notifyIntegrationUrl?: string;
  /** Pages on the pipeline's own alarms (EmergencyOnCall implements it). @default the topic is only exposed */
  readonly healthTopicConsumer?: IHealthTopicConsumer;
  /**
   * Who also hears the pipeline's alarms without OnCall (PipelineAlarms `contacts`): e-mail, SMS
   * (E.164) and HTTPS subscriptions of the health topic.
   * @default none
   */
  readonly healthContacts?: HealthContactsInput;
  /** @default "email-to-oncall" */
  readonly namePrefix?: string;
  /** @default derived from namePrefix and slug */
  readonly names?: EmergencyInboxNames;
  /** @default `<slug>/` */
  readonly objectKeyPrefix?: string;
  /** @default safe defaults */
  readonly function?: EmergencyInboxFunctionProps;
  /** Deployment package of the function. @default the bundle shipped with the package */
  readonly codeZip?: string;
  /** @default this stack's account */
  readonly accountId?: string;
  /**
   * Reminds the health topic every `interval` while the dead-letter queue holds mail; `false`
   * turns it off (the dead-letter-queue-not-empty alarm then speaks once).
   * @default on, every 30 minutes
   */
  readonly reminder?: EmergencyInboxReminderProps | false;
  /**
   * The end-to-end canary; off unless given (it needs the `random` provider for its key).
   * @default no canary
   */
  readonly canary?: EmergencyInboxCanaryProps;
  /**
   * The customer hears back: an acknowledgement after each page, the closed-line reply outside
   * the window, and (with the status webhook) "acknowledged" and "resolved" mails.
   * @default no replies
   */
  readonly replies?: EmergencyInboxRepliesProps;
  /**
   * The mail domain the addresses are on: its SES identity is the only one replies may be sent through.
   * @default the domain of the first address
   */
  readonly mailDomain?: string;
  /** Wires OnCall's status webhooks to the status endpoint (EmergencyOnCall implements it). @default the endpoint is only exposed */
  readonly statusEndpointConsumer?: IStatusEndpointConsumer;
}

/**
 * One emergency address: its receipt rule (TLS, scanning, raw mail stored first), the mail-to-alert
 * function with its role, log group, encrypted URL parameter, retries and dead-letter queue, and the
 * pipeline's alarms with the health topic handed to whoever must hear (EmergencyOnCall). Children:
 * `alarms`, `function`, `rule`, `reminder` (unless turned off).
 */
export class EmergencyInbox extends Construct {
  public readonly alarms: PipelineAlarms;
  public readonly function: MailToAlertFunction;
  public readonly rule: ReceiptRule;
  public readonly slug: string;
  /** Reminds while the dead-letter queue is not empty; undefined when `reminder: false`. */
  public readonly reminder?: DeadLetterReminder;
  /** The end-to-end canary and its key; undefined without `canary`. */
  public readonly canary?: EventCanary;
  public readonly canaryKey?: CanaryKey;
  /** The customer's replies (queue, sender, idempotency table, alarms); undefined without `replies`. */
  public readonly replies?: ReplyPipeline;
  /** The endpoint of OnCall's status webhooks; undefined without replies or with `replies.status: false`. */
  public readonly status?: StatusEndpoint;
  /**
   * The key that signs each alert's reply context (mail function) and verifies it (status
   * endpoint); undefined whenever `status` is.
   */
  public readonly replyKey?: SigningKey;

  constructor(scope: Construct, id: string, props: EmergencyInboxProps) {
    super(scope, id);
    checkLength("EmergencyInbox", "addresses", props.addresses, 1, 500, "SES limit");
    for (const a of props.addresses) checkPattern("EmergencyInbox", "addresses", a, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, "full e-mail addresses");
    // The function refuses its config outside these bounds: nothing would page.
    checkIntegerRange("EmergencyInbox", "function.bodyMaxChars", props.function?.bodyMaxChars, 500, 50000);
    if (!isUnresolved(props.window.start) && props.window.start.getTime() >= props.window.end.getTime()) throw new Error("EmergencyInbox: window.start must be before window.end");
    checkHealthContacts("EmergencyInbox", "healthContacts", props.healthContacts);
    const t = props.trustedSenders ?? {};
    const customers = props.customers ?? [];
    if (customers.length === 0 && (t.addresses?.length ?? 0) + (t.domains?.length ?? 0) === 0) throw new Error("EmergencyInbox: trustedSenders needs at least one address or domain (or give customers), or nobody could page");
    checkCustomers("EmergencyInbox", customers, props.addresses);
    if (props.customer === undefined && customers.length === 0) throw new Error("EmergencyInbox: customer is required when no customers are given (it names who writes in)");
    const customer = props.customer ?? customerLabel(customers);
    this.slug = props.slug ?? nameFrom(this, "", 40);
    checkPattern("EmergencyInbox", "slug", this.slug, /^[a-z][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens, starting with a letter (at most 40)");
    const prefix = props.namePrefix ?? "email-to-oncall";
    const base = `${prefix}-${this.slug}`;
    const n = props.names ?? {};
    const functionName = n.functionName ?? base;
    const ruleName = n.ruleName ?? base;
    const objectKeyPrefix = props.objectKeyPrefix ?? `${this.slug}/`;
    const accountId = props.accountId ?? new DataAwsCallerIdentity(this, "account").accountId;
    const deadLetterQueueName = n.deadLetterQueueName ?? `${base}-dlq`;
    const fn = props.function ?? {};

    this.alarms = new PipelineAlarms(this, "alarms", {
      topicName: n.healthTopicName ?? `${base}-health`,
      functionName,
      deadLetterQueueName,
      eventSlug: this.slug,
      accountId,
      contacts: props.healthContacts,
    });
    props.healthTopicConsumer?.consumeHealthTopic(this.alarms.topic);

    if (props.replies) {
      const r = props.replies;
      checkPattern("EmergencyInbox", "replies.phone", r.phone, /^\+[1-9]\d{6,14}$/, "an E.164 phone number such as +15555550100");
      const interval = r.interval?.toSeconds();
      if (interval !== undefined) checkIntegerRange("EmergencyInbox", "replies.interval (seconds)", interval, 60, 604800);
      const first = props.addresses[0]!;
      if (props.mailDomain === undefined && isUnresolved(first)) throw new Error("EmergencyInbox: mailDomain is needed with replies when the addresses are Terraform tokens (replies are sent through that domain's SES identity)");
      const mailDomain = props.mailDomain ?? first.slice(first.lastIndexOf("@") + 1).toLowerCase();
      this.replies = new ReplyPipeline(this, "replies", {
        name: n.replyPipelineName ?? `${base}-reply`,
        eventSlug: this.slug,
        // Aliases too: a reply comes from the address the customer wrote to.
        fromAddresses: inboxAddresses(props.addresses, customers),
        mailDomain,
        region: props.region,
        accountId,
        topicArn: this.alarms.topic.arn,
        codeZip: r.senderCodeZip ?? shippedReplySenderZip(),
        signedContext: r.status !== false,
      });
    }

    // A literal region gives the partition at synth; a region token asks data aws_partition.
    const partition = partitionFor(this, props.region);
    if (props.canary) {
      this.canaryKey = new CanaryKey(this, "canary-key", { parameterName: n.canaryKeyParameterName ?? `/${prefix}/${this.slug}/canary-key` });
    }
    // The status mail is built from what OnCall hands back: only a context signed with this key is believed.
    if (props.replies && props.replies.status !== false) {
      this.replyKey = new SigningKey(this, "reply-key", {
        parameterName: n.replyKeyParameterName ?? `/${prefix}/${this.slug}/reply-key`,
        description: "HMAC key of the alerts' reply context (a credential: anyone holding it can make the line send status mails with a subject of their choosing)",
      });
    }
    const replyKeyParameter = this.replyKey ? { name: this.replyKey.parameter.name, arn: this.replyKey.parameter.arn } : undefined;
    this.function = new MailToAlertFunction(this, "mail-to-alert", {
      functionName,
      roleName: n.roleName ?? `${base}-fn`,
      logGroupName: n.logGroupName ?? `/aws/lambda/${base}`,
      deadLetterQueueName,
      urlParameterName: n.urlParameterName ?? `/${prefix}/${this.slug}/oncall-integration-url`,
      integrationUrl: props.integrationUrl,
      notifyIntegrationUrl: props.notifyIntegrationUrl,
      notifyUrlParameterName: n.notifyUrlParameterName ?? `/${prefix}/${this.slug}/oncall-notify-integration-url`,
      codeZip: props.codeZip ?? shippedFunctionZip(),
      canaryKeyParameter: this.canaryKey ? { name: this.canaryKey.parameter.name, arn: this.canaryKey.parameter.arn } : undefined,
      heartbeat: props.canary?.heartbeat,
      replyKeyParameter,
      runtimeConfig: buildRuntimeConfig({
        slug: this.slug,
        title: props.title,
        customer,
        customers,
        addresses: props.addresses,
        window: props.window,
        trustedSenders: t,
        policy: props.policy,
        bodyMaxChars: fn.bodyMaxChars,
        bucket: props.bucketName,
        prefix: objectKeyPrefix,
        region: props.region,
        replies: props.replies && { phone: props.replies.phone, interval: props.replies.interval, outsideWindow: props.replies.outsideWindow, closedHelp: props.replies.closedHelp, language: props.replies.language, cc: props.replies.cc },
      }),
      accountId,
      sourceRuleArn: receiptRuleArn(partition, props.region, accountId, props.ruleSetName, ruleName),
      memoryMb: fn.memoryMb,
      timeoutSeconds: fn.timeoutSeconds,
      reservedConcurrency: fn.reservedConcurrency,
      logRetentionDays: fn.logRetentionDays,
      retryAttempts: fn.retryAttempts,
      maxEventAgeSeconds: fn.maxEventAgeSeconds,
      replyQueue: this.replies ? { url: this.replies.queue.url, arn: this.replies.queue.arn } : undefined,
    });

    // After the function: the status endpoint reads the function's config layer (many customers).
    if (props.replies && this.replies) {
      const r = props.replies;
      if (r.status !== false) {
        const maxAge = r.status?.maxAgeSeconds ?? 900;
        checkIntegerRange("EmergencyInbox", "replies.status.maxAgeSeconds", maxAge, 60, 86400);
        this.status = new StatusEndpoint(this, "status", {
          name: n.statusName ?? `${base}-status`,
          secretParameterName: n.statusSecretParameterName ?? `/${prefix}/${this.slug}/oncall-status-secret`,
          replyKeyParameter: replyKeyParameter!,
          // Derived from the function's own config: one source for what pages and what is mailed.
          config: statusConfigOf(this.function.runtimeConfig, maxAge),
          configLayer: this.function.configLayer ? { arn: this.function.configLayer.layer.arn, filePath: this.function.configLayer.filePath, sha256: this.function.configLayer.sha256 } : undefined,
          replyQueue: { url: this.replies.queue.url, arn: this.replies.queue.arn },
          accountId,
          topicArn: this.alarms.topic.arn,
          codeZip: r.status?.codeZip ?? shippedStatusZip(),
        });
        props.statusEndpointConsumer?.consumeStatusEndpoint(this.status);
      }
    }

    if (props.reminder !== false) {
      this.reminder = new DeadLetterReminder(this, "dlq-reminder", {
        functionName: n.reminderName ?? `${base}-remind`,
        queueUrl: this.function.deadLetterQueue.url,
        queueArn: this.function.deadLetterQueue.arn,
        topicArn: this.alarms.topic.arn,
        eventSlug: this.slug,
        codeZip: props.reminder?.codeZip ?? shippedReminderZip(),
        accountId,
        interval: props.reminder?.interval,
      });
    }

    if (props.canary && this.canaryKey) {
      const c = props.canary;
      const first = props.addresses[0]!;
      const fromAddress = c.fromAddress ?? (isUnresolved(first) ? undefined : `canary@${first.slice(first.lastIndexOf("@") + 1).toLowerCase()}`);
      if (fromAddress === undefined) throw new Error("EmergencyInbox: canary.fromAddress is required when the first address is a token");
      const domain = isUnresolved(fromAddress) ? fromAddress.replace(/^.*@/, "") : fromAddress.slice(fromAddress.lastIndexOf("@") + 1);
      const preflight = (c.preflight ?? Duration.hours(24)).toSeconds();
      if (isUnresolved(preflight)) throw new Error("EmergencyInbox: canary.preflight must be a duration known at synth (it sets the canary's start date)");
      this.canary = new EventCanary(this, "canary", {
        functionName: n.canaryName ?? `${base}-canary`,
        eventSlug: this.slug,
        // Every live address, customers' aliases included: each is its own way in.
        addresses: inboxAddresses(props.addresses, customers),
        fromAddress,
        sendingIdentityArn: `arn:${partition}:ses:${props.region}:${accountId}:identity/${domain}`,
        keyParameter: { name: this.canaryKey.parameter.name, arn: this.canaryKey.parameter.arn },
        activeFrom: new Date(props.window.start.getTime() - preflight * 1000),
        activeUntil: props.window.end,
        interval: c.interval,
        topicArn: this.alarms.topic.arn,
        accountId,
        codeZip: c.codeZip ?? shippedCanaryZip(),
      });
    }

    this.rule = new ReceiptRule(this, "inbox", {
      ruleName,
      ruleSetName: props.ruleSetName,
      recipients: inboxAddresses(props.addresses, customers),
      bucketName: props.bucketName,
      objectKeyPrefix,
      functionArn: this.function.function.arn,
      dependsOn: [this.function.sesPermission],
    });
  }
}
