import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { httpsDeadLetters } from "./https-dead-letters";
import { E164 } from "../core/e164";
import { checkPattern, isUnresolved } from "../core/tokens";

/**
 * People and services that hear the pipeline's alarms without Grafana OnCall: the OnCall health
 * integration pages through the very OnCall the pipeline pages through, so when OnCall is down
 * an alarm would reach nobody. Each entry becomes a subscription of the health topic.
 */
export interface HealthContactsInput {
  /** E-mail addresses (each recipient confirms the subscription once, from SNS's mail). @default none */
  readonly email?: readonly string[];
  /** Phone numbers in E.164 form (`+15555550100`). @default none */
  readonly sms?: readonly string[];
  /** HTTPS endpoints (a second paging service's webhook); retried with backoff, then dead-lettered. @default none */
  readonly https?: readonly string[];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const HTTPS = /^https:\/\/\S+$/;

/**
 * Throws when a known contact is malformed; entries that are tokens are checked by SNS at apply.
 * `construct` and `prop` name where the user wrote it (EmergencyInbox's `healthContacts`).
 */
export function checkHealthContacts(construct: string, prop: string, contacts: HealthContactsInput | undefined): void {
  if (contacts === undefined) return;
  for (const kind of ["email", "sms", "https"] as const) {
    const list = contacts[kind];
    // One subscription per entry is made at synth, so the list itself must be known then.
    if (list !== undefined && isUnresolved(list)) throw new Error(`${construct}: ${prop}.${kind} must be a list known at synth (its entries may be tokens)`);
  }
  for (const e of contacts.email ?? []) checkPattern(construct, `${prop}.email`, e, EMAIL, "e-mail addresses");
  for (const n of contacts.sms ?? []) checkPattern(construct, `${prop}.sms`, n, E164, "E.164 phone numbers such as +15555550100");
  for (const u of contacts.https ?? []) checkPattern(construct, `${prop}.https`, u, HTTPS, "https:// URLs");
}

/**
 * How SNS retries an HTTPS contact: 3 immediate tries, then exponential backoff from 1 s to 60 s,
 * 50 tries in all (about 40 minutes, within SNS's one-hour limit), at most 10 deliveries a second
 * so an alarm storm cannot flood the receiver. What still fails goes to the dead-letter queue.
 */
export const HTTPS_DELIVERY_POLICY = {
  healthyRetryPolicy: {
    minDelayTarget: 1,
    maxDelayTarget: 60,
    numRetries: 50,
    numNoDelayRetries: 3,
    numMinDelayRetries: 2,
    numMaxDelayRetries: 35,
    backoffFunction: "exponential",
  },
  throttlePolicy: { maxReceivesPerSecond: 10 },
  requestPolicy: { headerContentType: "application/json" },
} as const;

export interface HealthContactsProps extends HealthContactsInput {
  readonly topic: SnsTopic;
  readonly accountId: string;
  /** Name of the HTTPS contacts' dead-letter queue and of its alarm. */
  readonly deadLetterQueueName: string;
  readonly alarmName: string;
  /** @default 300 */
  readonly periodSeconds?: number;
}

/**
 * The health topic's second channel: e-mail, SMS and HTTPS subscriptions. HTTPS ones get a retry
 * policy and a dead-letter queue (created only when there is one) whose own alarm publishes to the
 * topic, so a dead HTTPS contact is heard by the e-mail and SMS ones.
 */
export class HealthContacts extends Construct {
  public readonly subscriptions: SnsTopicSubscription[] = [];
  /** Undefined without HTTPS contacts. */
  public readonly deadLetterQueue?: SqsQueue;
  public readonly deadLetterAlarm?: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: HealthContactsProps) {
    super(scope, id);
    checkHealthContacts("HealthContacts", "contacts", props);
    // Derived from the topic name, which may be longer than SQS allows.
    checkPattern("HealthContacts", "deadLetterQueueName", props.deadLetterQueueName, /^[A-Za-z0-9_-]{1,80}$/, "1-80 letters, digits, - or _ (shorten the health topic name)");
    const topicArn = props.topic.arn;
    // Ids by position: a contact changed in place updates its subscription, it does not rename others.
    (props.email ?? []).forEach((endpoint, i) => this.subscriptions.push(new SnsTopicSubscription(this, `email-${i}`, { topicArn, protocol: "email", endpoint })));
    (props.sms ?? []).forEach((endpoint, i) => this.subscriptions.push(new SnsTopicSubscription(this, `sms-${i}`, { topicArn, protocol: "sms", endpoint })));

    const https = props.https ?? [];
    if (https.length === 0) return;
    const dl = httpsDeadLetters(this, {
      topicArn,
      accountId: props.accountId,
      deadLetterQueueName: props.deadLetterQueueName,
      alarmName: props.alarmName,
      alarmDescription:
        "An HTTPS health contact missed an alarm after all SNS retries (its endpoint is down or rejects). Read the queue, fix the endpoint (docs/operations.md: second channel).",
      periodSeconds: props.periodSeconds,
    });
    this.deadLetterQueue = dl.queue;
    this.deadLetterAlarm = dl.alarm;
    const redrivePolicy = dl.redrivePolicy;
    https.forEach((url, i) =>
      this.subscriptions.push(
        new SnsTopicSubscription(this, `https-${i}`, {
          topicArn,
          protocol: "https",
          // A paging webhook's URL usually holds its key: plans show "(sensitive value)".
          endpoint: Fn.sensitive(url) as string,
          deliveryPolicy: JSON.stringify(HTTPS_DELIVERY_POLICY),
          redrivePolicy,
        }),
      ),
    );

  }
}
