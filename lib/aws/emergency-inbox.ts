import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { Construct } from "constructs";
import type { LanePolicy } from "../../functions/mail-to-alert/contract";
import { nameFrom } from "../core/names";
import { partitionFor, receiptRuleArn } from "../core/partition";
import { checkIntegerRange, checkLength, checkPattern, isUnresolved } from "../core/tokens";
import type { Duration } from "../core/duration";
import { DeadLetterReminder } from "./dead-letter-reminder";
import { shippedFunctionZip, shippedReminderZip } from "./function-code";
import { MailToAlertFunction, type MailToAlertFunctionProps } from "./mail-to-alert-function";
import { checkHealthContacts, HealthContactsInput } from "./health-contacts";
import { PipelineAlarms } from "./pipeline-alarms";
import { ReceiptRule } from "./receipt-rule";
import { buildRuntimeConfig, customerLabel, CustomerProps, inboxAddresses, TrustedSendersProps } from "./runtime-config";
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

    // A literal region gives the partition at synth; a region token asks data aws_partition.
    const partition = partitionFor(this, props.region);
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
      }),
      accountId,
      sourceRuleArn: receiptRuleArn(partition, props.region, accountId, props.ruleSetName, ruleName),
      memoryMb: fn.memoryMb,
      timeoutSeconds: fn.timeoutSeconds,
      reservedConcurrency: fn.reservedConcurrency,
      logRetentionDays: fn.logRetentionDays,
      retryAttempts: fn.retryAttempts,
      maxEventAgeSeconds: fn.maxEventAgeSeconds,
    });

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
