import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import nodemailer from "nodemailer";
import { queueNameOf, reminderFor } from "../../functions/dlq-reminder/remind";
import { AlarmSpec, pipelineAlarmSpecs } from "../../lib/aws/pipeline-alarms";

/**
 * `npm run local`'s stand-in for "CloudWatch alarm → SNS health topic → subscribers", so the
 * second channel can be tried (and tested) without AWS: it watches what the event's real alarms
 * watch (lib/aws/pipeline-alarms.ts: function errors, throttles, the dead-letter queue, trusted
 * mail dropped, …, plus the function's delivery and permanent failures), evaluates them once per
 * period like CloudWatch (Sum or Maximum ≥ 1 → ALARM, missing data → OK), and on a change of state
 * publishes what SNS would deliver for a CloudWatch alarm: a mail through a local SMTP sink and an
 * SNS-shaped JSON POST to local URLs. While the dead-letter folder holds mail it reminds at an
 * interval with the dlq-reminder function's own words (`reminderFor`), as production does.
 *
 * Only loopback targets are accepted: this is a local emulation, not a way to mail the world.
 */

export type AlarmState = "OK" | "ALARM";

export interface SmtpTarget {
  readonly host: string;
  readonly port: number;
}

export interface HealthTargets {
  /** Local SMTP sinks standing in for the `health.email` subscriptions. */
  readonly smtp?: readonly SmtpTarget[];
  /** Local URLs standing in for the `health.https` subscriptions (SNS HTTP notifications). */
  readonly urls?: readonly string[];
  /** RCPT TO of the mails (the event's `health.email`); default health-contacts@local.invalid. */
  readonly emailTo?: readonly string[];
}

/** Runs `fn` every `ms` until stopped; injectable so tests drive the clock. */
export interface Scheduler {
  every(ms: number, fn: () => void): () => void;
}

export const intervalScheduler: Scheduler = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
};

export interface LocalHealthSettings extends HealthTargets {
  /**
   * Alarm evaluation period (production: 5 minutes).
   * @default 60 s
   */
  readonly periodMs?: number;
  /**
   * Dead-letter reminder interval, one for all events or per event slug (production: the event's
   * `function.deadLetterReminderMinutes`, default 30); 0 turns reminders off.
   * @default 30 minutes
   */
  readonly remindEveryMs?: number | Readonly<Record<string, number>>;
  /**
   * Emulate each event's canary-missing alarm: ALARM when two periods in a row counted neither a
   * received canary nor an idle canary run (locally, send canaries with `npm run canary -- --smtp`).
   * Off by default: without canaries it would alarm every two periods.
   * @default false
   */
  readonly expectCanary?: boolean;
  /** @default setInterval */
  readonly scheduler?: Scheduler;
  /** Pause between the (up to 3) tries of a failed HTTP notification. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface LocalHealthOptions extends LocalHealthSettings {
  readonly events: readonly { readonly slug: string; readonly region: string }[];
  /** `npm run local`'s dead-letter folder (files `<slug>-<messageId>.json`). */
  readonly deadLetterDir: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

/** One notification as the subscribers received it (tests read these). */
export interface HealthNotice {
  readonly slug: string;
  readonly kind: "alarm" | "reminder";
  readonly subject: string;
  /** The SNS Message: the alarm's JSON, or the reminder's text. */
  readonly message: string;
  /** Per target: "smtp://host:port" or the URL's origin, and whether it was delivered. */
  readonly deliveries: readonly { readonly target: string; readonly ok: boolean; readonly error?: string }[];
}

export interface LocalHealth {
  /** One datapoint of a metric, as CloudWatch would receive it (value 1 = one count). */
  record(slug: string, namespace: string, metricName: string, value?: number): void;
  /** Closes one evaluation period: every alarm is evaluated, changes are published. */
  evaluate(): Promise<HealthNotice[]>;
  /** One reminder check per event (what the dlq-reminder function does on its schedule). */
  remind(): Promise<HealthNotice[]>;
  /** Current state of each alarm, by alarm name. */
  states(): Record<string, AlarmState>;
  readonly notices: readonly HealthNotice[];
  /** Stops the timers and waits for notifications in flight. */
  stop(): Promise<void>;
}

/** Local names: the function is `local-<slug>`, its queue `local-<slug>-dlq`, its topic `local-<slug>-health`. */
export const localFunctionName = (slug: string) => `local-${slug}`;
const ACCOUNT = "000000000000";

/**
 * The event's alarms as deployed, plus the function's own DeliveryFailures and PermanentFailures
 * (counted by the handler; a local run shows them even where no deployed alarm watches them yet).
 */
export function localAlarmSpecs(slug: string): AlarmSpec[] {
  const fn = localFunctionName(slug);
  const specs = pipelineAlarmSpecs(fn, `${fn}-dlq`, slug);
  const extra: AlarmSpec[] = [
    { suffix: "delivery-failures", namespace: "EmailToOncall", metricName: "DeliveryFailures", statistic: "Sum", dimensions: { Event: slug }, runbook: "The function could not reach Grafana OnCall (network error, timeout, 429 or 5xx after its retries); Lambda retries, then the dead-letter queue." },
    { suffix: "permanent-failures", namespace: "EmailToOncall", metricName: "PermanentFailures", statistic: "Sum", dimensions: { Event: slug }, runbook: "Grafana OnCall refused an alert for good (400/401/403/404/410/413/422): the mail is in the dead-letter queue with what to fix." },
  ];
  const watched = new Set(specs.map((s) => `${s.namespace}/${s.metricName}`));
  return [...specs, ...extra.filter((s) => !watched.has(`${s.namespace}/${s.metricName}`))];
}

const DLQ_METRIC = "AWS/SQS/ApproximateNumberOfMessagesVisible";

/** The canary-missing alarm of lib/aws/event-canary.ts: FILL(CanaryReceived) + FILL(CanaryIdle) < 1 for 2 of 2 periods. */
export function canaryMissingSpec(slug: string): AlarmSpec {
  return {
    suffix: "canary-missing",
    namespace: "EmailToOncall",
    metricName: "CanaryReceived",
    statistic: "Sum",
    dimensions: { Event: slug },
    runbook: `No canary reached ${slug}'s function for two periods: mail to the address may not page (docs/operations.md: canary missing).`,
  };
}
const CANARY_PERIODS = 2;

/** What SNS POSTs to an HTTP(S) subscriber: the notification envelope (unsigned here). */
export function snsNotification(topicArn: string, subject: string, message: string, at: Date, messageId: string = randomUUID()): Record<string, string> {
  return {
    Type: "Notification",
    MessageId: messageId,
    TopicArn: topicArn,
    Subject: subject,
    Message: message,
    Timestamp: at.toISOString(),
    SignatureVersion: "1",
    // Not signed: a local stand-in has no SNS certificate. Real receivers must verify the signature.
    Signature: "local-stand-in-unsigned",
    SigningCertURL: "https://sns.local.invalid/unsigned.pem",
    UnsubscribeURL: `https://sns.local.invalid/?Action=Unsubscribe&SubscriptionArn=${topicArn}:local`,
  };
}

/** The Message a CloudWatch alarm publishes to SNS on a state change (the fields receivers read). */
export function alarmMessage(spec: AlarmSpec, slug: string, region: string, from: AlarmState, to: AlarmState, value: number, periodSeconds: number, at: Date): Record<string, unknown> {
  const name = `${localFunctionName(slug)}-${spec.suffix}`;
  const topic = `arn:aws:sns:${region}:${ACCOUNT}:${localFunctionName(slug)}-health`;
  const reason =
    to === "ALARM"
      ? `Threshold Crossed: 1 out of the last 1 datapoints [${value.toFixed(1)} (${at.toISOString()})] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).`
      : `Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].`;
  return {
    AlarmName: name,
    AlarmDescription: spec.runbook,
    AWSAccountId: ACCOUNT,
    NewStateValue: to,
    NewStateReason: reason,
    StateChangeTime: at.toISOString(),
    Region: region,
    AlarmArn: `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`,
    OldStateValue: from,
    OKActions: [topic],
    AlarmActions: [topic],
    InsufficientDataActions: [],
    Trigger: {
      MetricName: spec.metricName,
      Namespace: spec.namespace,
      StatisticType: "Statistic",
      Statistic: spec.statistic.toUpperCase(),
      Unit: null,
      Dimensions: Object.entries(spec.dimensions).map(([n, v]) => ({ value: v, name: n })),
      Period: periodSeconds,
      EvaluationPeriods: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1.0,
      TreatMissingData: "notBreaching",
      EvaluateLowSampleCountPercentile: "",
    },
  };
}

/** The text SNS mails for a CloudWatch alarm (shortened to what a reader needs). */
function alarmMailText(m: Record<string, unknown>): string {
  const t = m.Trigger as Record<string, unknown>;
  return [
    `You are receiving this email because your Amazon CloudWatch Alarm "${String(m.AlarmName)}" in the ${String(m.Region)} region has entered the ${String(m.NewStateValue)} state, because "${String(m.NewStateReason)}" at "${String(m.StateChangeTime)}".`,
    "",
    "Alarm Details:",
    `- Name:                       ${String(m.AlarmName)}`,
    `- Description:                ${String(m.AlarmDescription)}`,
    `- State Change:               ${String(m.OldStateValue)} -> ${String(m.NewStateValue)}`,
    `- Reason for State Change:    ${String(m.NewStateReason)}`,
    `- Timestamp:                  ${String(m.StateChangeTime)}`,
    "",
    "Threshold:",
    `- The alarm is in the ALARM state when the metric is GreaterThanOrEqualToThreshold 1.0 for at least 1 of the last 1 period(s) of ${String(t.Period)} seconds.`,
    "",
    "Monitored Metric:",
    `- MetricNamespace:            ${String(t.Namespace)}`,
    `- MetricName:                 ${String(t.MetricName)}`,
    `- Dimensions:                 ${(t.Dimensions as { name: string; value: string }[]).map((d) => `[${d.name} = ${d.value}]`).join(" ")}`,
    "",
    "(Sent by npm run local's health stand-in, not by AWS.)",
  ].join("\n");
}

/** Throws unless `host` is a loopback address: the emulation talks to local sinks only. */
export function assertLoopback(what: string, host: string): void {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h !== "127.0.0.1" && h !== "localhost" && h !== "::1") throw new Error(`${what}: the local health emulation only talks to 127.0.0.1 (a local sink), not ${host}; real contacts go in the event's health block`);
}

export function startLocalHealth(options: LocalHealthOptions): LocalHealth {
  const periodMs = options.periodMs ?? 60_000;
  const scheduler = options.scheduler ?? intervalScheduler;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const smtp = options.smtp ?? [];
  const urls = options.urls ?? [];
  for (const t of smtp) assertLoopback("health SMTP target", t.host);
  for (const u of urls) {
    const parsed = new URL(u);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`health URL: http:// or https:// only, not ${u}`);
    assertLoopback("health URL", parsed.hostname);
  }
  const emailTo = options.emailTo?.length ? options.emailTo : ["health-contacts@local.invalid"];
  const specs = new Map(options.events.map((e) => [e.slug, localAlarmSpecs(e.slug)]));
  const regionOf = new Map(options.events.map((e) => [e.slug, e.region]));
  // Sums of the current period, by `<slug>\0<namespace>/<metric>`.
  let sums = new Map<string, number>();
  const state = new Map<string, AlarmState>();
  const notices: HealthNotice[] = [];
  // The canary alarm's last periods (received + idle), per event.
  const canaryHistory = new Map<string, number[]>();
  // One evaluation or reminder at a time: a slow sink must not let two periods interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };

  const deadLetters = (slug: string): number => {
    let names: string[];
    try {
      names = fs.readdirSync(options.deadLetterDir);
    } catch {
      return 0; // no folder yet: nothing dead-lettered
    }
    const own = new RegExp(`^${slug.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[0-9A-Za-z]+\\.json$`);
    return names.filter((n) => own.test(n)).length;
  };

  async function sendMail(target: SmtpTarget, subject: string, text: string): Promise<void> {
    const transport = nodemailer.createTransport({ host: target.host, port: target.port, secure: false, ignoreTLS: true, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10_000 });
    try {
      await transport.sendMail({ from: "AWS Notifications (local stand-in) <no-reply@sns.local.invalid>", to: [...emailTo], subject, text, envelope: { from: "no-reply@sns.local.invalid", to: [...emailTo] } });
    } finally {
      transport.close();
    }
  }

  async function post(url: string, topicArn: string, body: Record<string, string>): Promise<void> {
    let last = "";
    // SNS retries an HTTP subscriber (3 at once, then backoff); three tries are enough for a local sink.
    for (let attempt = 1; attempt <= 3; attempt++) {
      if (attempt > 1) await sleep(1000);
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": "Notification", "x-amz-sns-message-id": body.MessageId!, "x-amz-sns-topic-arn": topicArn, "user-agent": "Amazon Simple Notification Service Agent (local stand-in)" },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5000),
          redirect: "error",
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.status >= 200 && res.status < 300) return;
        last = `HTTP ${res.status}`;
      } catch (e) {
        last = e instanceof Error ? e.name : String(e);
      }
    }
    throw new Error(last);
  }

  async function publish(slug: string, kind: HealthNotice["kind"], subject: string, message: string, mailText: string): Promise<HealthNotice> {
    const region = regionOf.get(slug)!;
    const topicArn = `arn:aws:sns:${region}:${ACCOUNT}:${localFunctionName(slug)}-health`;
    const body = snsNotification(topicArn, subject, message, options.now());
    const jobs = [
      ...smtp.map((t) => ({ target: `smtp://${t.host}:${t.port}`, send: () => sendMail(t, subject, mailText) })),
      ...urls.map((u) => ({ target: new URL(u).origin, send: () => post(u, topicArn, body) })),
    ];
    const deliveries = await Promise.all(
      jobs.map(async (j) => {
        try {
          await j.send();
          return { target: j.target, ok: true };
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          options.log(JSON.stringify({ level: "WARN", message: "health notification not delivered", event: slug, target: j.target, subject, error }));
          return { target: j.target, ok: false, error };
        }
      }),
    );
    const notice = { slug, kind, subject, message, deliveries };
    notices.push(notice);
    options.log(JSON.stringify({ level: "INFO", message: "health notification published", event: slug, kind, subject, delivered: deliveries.filter((d) => d.ok).map((d) => d.target), subscribers: jobs.length }));
    return notice;
  }

  const evaluate = () =>
    serial(async () => {
      const period = sums;
      sums = new Map();
      const out: HealthNotice[] = [];
      for (const [slug, list] of specs) {
        for (const spec of list) {
          const metric = `${spec.namespace}/${spec.metricName}`;
          // The queue's depth is sampled at the end of the period (Maximum); the rest are the period's sums.
          const value = metric === DLQ_METRIC ? Math.max(deadLetters(slug), period.get(`${slug}\0${metric}`) ?? 0) : (period.get(`${slug}\0${metric}`) ?? 0);
          const name = `${localFunctionName(slug)}-${spec.suffix}`;
          // Alarms start OK without a notification (CloudWatch's INSUFFICIENT_DATA → OK is noise locally).
          const before = state.get(name) ?? "OK";
          const after: AlarmState = value >= 1 ? "ALARM" : "OK";
          state.set(name, after);
          if (before === after) continue;
          options.log(JSON.stringify({ level: after === "ALARM" ? "WARN" : "INFO", message: "health alarm state changed", event: slug, alarm: name, from: before, to: after, value }));
          const at = options.now();
          const m = alarmMessage(spec, slug, regionOf.get(slug)!, before, after, value, Math.round(periodMs / 1000), at);
          out.push(await publish(slug, "alarm", `${after}: "${name}" in ${regionOf.get(slug)!}`, JSON.stringify(m), alarmMailText(m)));
        }
        if (options.expectCanary) {
          const heard = (period.get(`${slug}\0EmailToOncall/CanaryReceived`) ?? 0) + (period.get(`${slug}\0EmailToOncall/CanaryIdle`) ?? 0);
          const history = [...(canaryHistory.get(slug) ?? []), heard].slice(-CANARY_PERIODS);
          canaryHistory.set(slug, history);
          const spec = canaryMissingSpec(slug);
          const name = `${localFunctionName(slug)}-${spec.suffix}`;
          const before = state.get(name) ?? "OK";
          // Missing is breaching, as deployed; locally the first periods after start are not judged.
          const after: AlarmState = history.length === CANARY_PERIODS && history.every((v) => v < 1) ? "ALARM" : "OK";
          state.set(name, after);
          if (before === after) continue;
          options.log(JSON.stringify({ level: after === "ALARM" ? "WARN" : "INFO", message: "health alarm state changed", event: slug, alarm: name, from: before, to: after, value: heard }));
          const m = alarmMessage(spec, slug, regionOf.get(slug)!, before, after, heard, Math.round(periodMs / 1000), options.now());
          const t = m.Trigger as Record<string, unknown>;
          Object.assign(t, { EvaluationPeriods: CANARY_PERIODS, ComparisonOperator: "LessThanThreshold", TreatMissingData: "breaching" });
          m.NewStateReason = after === "ALARM" ? `Threshold Crossed: ${CANARY_PERIODS} out of the last ${CANARY_PERIODS} datapoints were less than the threshold (1.0): no canary received and no idle run.` : "Threshold Crossed: a canary was received.";
          out.push(await publish(slug, "alarm", `${after}: "${name}" in ${regionOf.get(slug)!}`, JSON.stringify(m), alarmMailText(m)));
        }
      }
      return out;
    });

  const remindOne = (slug: string) => async () => {
    const stuck = deadLetters(slug);
    const reminder = reminderFor({ slug, queueName: queueNameOf(`${localFunctionName(slug)}-dlq`), stuck, checkedAt: options.now().toISOString() });
    options.log(JSON.stringify({ level: "INFO", message: "dead-letter queue checked", event: slug, stuck, reminded: reminder !== undefined }));
    return reminder ? [await publish(slug, "reminder", reminder.subject, reminder.message, reminder.message)] : [];
  };
  const remindEvery = (slug: string) => (typeof options.remindEveryMs === "number" ? options.remindEveryMs : (options.remindEveryMs?.[slug] ?? 30 * 60_000));

  const stops = [scheduler.every(periodMs, () => void evaluate())];
  for (const { slug } of options.events) {
    const ms = remindEvery(slug);
    if (ms > 0) stops.push(scheduler.every(ms, () => void serial(remindOne(slug))));
  }

  return {
    record(slug, namespace, metricName, value = 1) {
      const key = `${slug}\0${namespace}/${metricName}`;
      sums.set(key, (sums.get(key) ?? 0) + value);
    },
    evaluate,
    remind: () => serial(async () => (await Promise.all(options.events.map(({ slug }) => remindOne(slug)()))).flat()),
    states: () => Object.fromEntries(state),
    notices,
    async stop() {
      for (const s of stops) s();
      await chain;
    },
  };
}
