/** Structured log fields: never the mail body, never the integration URL. */
export type LogFields = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** One count of a metric in namespace EmailToOncall, dimension Event (+ extra dimensions). */
  count(metric: MetricName, dimensions?: Record<string, string>): void;
}

export const METRIC_NAMESPACE = "EmailToOncall";

/**
 * MailsDropped{Reason}: every drop. TrustedMailDropped: drops of mail whose From names a trusted
 * sender or a declared relay (alarmed: a customer may be unheard). AlertsDelivered: pages;
 * NotificationsDelivered: the notify lane. DeliveryFailures: OnCall could not be reached (thrown,
 * Lambda retries). PermanentFailures: OnCall refused for good (403, 413, …); dead-lettered at once.
 * CanaryReceived: a valid signed canary arrived (its missing alarm watches it); CanaryRejected: a
 * mail carried the canary header but not a valid signature (forged, replayed, malformed).
 * HeartbeatFailures: the OnCall heartbeat ping after a canary failed (the canary still counted).
 * Replies: RepliesQueued, RepliesNotQueued{Reason}, ReplyQueueFailures (the request could not be
 * queued; alarmed, never thrown: the page went out), and from the reply sender RepliesSent{Kind},
 * RepliesSkipped{Reason} (duplicate, rate limit), ReplyFailures; from the status function
 * StatusRequests{Result}. ReplyKeyUnavailable: a page went without its signed reply context (the
 * reply-context key could not be read), so its group gets no status mail.
 */
export type MetricName =
  | "MailsDropped"
  | "TrustedMailDropped"
  | "AlertsDelivered"
  | "NotificationsDelivered"
  | "DeliveryFailures"
  | "PermanentFailures"
  | "RepliesQueued"
  | "RepliesNotQueued"
  | "ReplyQueueFailures"
  | "ReplyKeyUnavailable"
  | "RepliesSent"
  | "RepliesSkipped"
  | "ReplyFailures"
  | "StatusRequests"
  | "CanaryReceived"
  | "CanaryRejected"
  | "HeartbeatFailures";

/**
 * JSON lines on stdout. Written with process.stdout.write rather than console.log: with Lambda's
 * JSON log format console output is wrapped in {"message": ...}, which hides an EMF document's
 * top-level `_aws` key from CloudWatch; raw stdout lines reach the log group as they are.
 */
export function jsonLogger(event: string, write: (line: string) => void = (l) => void process.stdout.write(l + "\n"), now: () => number = Date.now): Logger & { requestId?: string } {
  const base: { requestId?: string } = {};
  const line = (level: string, message: string, fields?: LogFields) =>
    write(JSON.stringify({ timestamp: new Date(now()).toISOString(), level, message, event, requestId: base.requestId, ...fields }));
  return Object.assign(base, {
    info: (m: string, f?: LogFields) => line("INFO", m, f),
    warn: (m: string, f?: LogFields) => line("WARN", m, f),
    error: (m: string, f?: LogFields) => line("ERROR", m, f),
    count(metric: string, dimensions: Record<string, string> = {}) {
      write(JSON.stringify(emfDocument(event, metric, dimensions, now())));
    },
  });
}

/**
 * Metrics published both with their extra dimensions and rolled up to `Event` alone, from one log
 * line: CanaryReceived{Event,Address} feeds each address's canary-missing alarm, CanaryReceived{Event} the event's view.
 */
const ROLLED_UP: ReadonlySet<string> = new Set(["CanaryReceived"]);

/** CloudWatch Embedded Metric Format: the log line itself defines the metric; no PutMetricData permission needed. */
export function emfDocument(event: string, metric: string, dimensions: Record<string, string>, timestamp: number): Record<string, unknown> {
  const keys = Object.keys(dimensions);
  const sets = ROLLED_UP.has(metric) && keys.length > 0 ? [["Event"], ["Event", ...keys]] : [["Event", ...keys]];
  return {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: sets, Metrics: [{ Name: metric, Unit: "Count" }] }],
    },
    Event: event,
    ...dimensions,
    [metric]: 1,
  };
}
