/**
 * The dead-letter reminder's decision and text, pure: no clock, no SDK. CloudWatch alarms speak
 * only on a state change, so while the queue stays non-empty a second dead letter (or the first,
 * forgotten) would go unheard; this says it again on every scheduled check.
 */
export interface ReminderInput {
  /** The event whose queue it is (the alarms' `Event` dimension). */
  readonly slug: string;
  /** Name of the dead-letter queue (last segment of its URL). */
  readonly queueName: string;
  /** SQS ApproximateNumberOfMessages: visible messages, an estimate. */
  readonly stuck: number;
  /** When this check ran (ISO 8601), so each reminder says when it was still true. */
  readonly checkedAt: string;
}

export interface Reminder {
  /** SNS Subject: ASCII, at most 100 characters, no line breaks (SNS rejects others). */
  readonly subject: string;
  readonly message: string;
}

/** SNS refuses a Subject over 100 characters. */
const SUBJECT_MAX = 100;

/** Nothing for an empty queue (or a nonsense count); one message otherwise. */
export function reminderFor(input: ReminderInput): Reminder | undefined {
  if (!Number.isInteger(input.stuck) || input.stuck <= 0) return undefined;
  const mails = input.stuck === 1 ? "1 mail is" : `${input.stuck} mails are`;
  const subject = `email-to-oncall ${input.slug}: ${mails} stuck in the dead-letter queue`.replace(/[^\x20-\x7e]/g, "?").slice(0, SUBJECT_MAX);
  // SQS does not expose the age of the oldest message as an attribute (only as a CloudWatch
  // metric), so "since when" is told as what is known: still there at this check, at most 14 days.
  const message = [
    `${mails} stuck in ${input.queueName} (event ${input.slug}) at ${input.checkedAt}: they did not reach Grafana OnCall.`,
    "The oldest has been there at least since the previous reminder; the dead-letter-queue-not-empty alarm told when the queue first filled. SQS keeps them 14 days.",
    "Read each mail and page by hand if it is urgent, then replay or purge to stop these reminders (docs/operations.md, Replaying mail):",
    `  npm run replay -- --event ${input.slug} --dlq-file dlq.json   (then delete each replayed message)`,
    `  aws sqs purge-queue --queue-url <url of ${input.queueName}>   (only once every mail was handled)`,
  ].join("\n");
  return { subject, message };
}

/** A queue URL's last path segment is the queue's name. */
export function queueNameOf(queueUrl: string): string {
  return queueUrl.replace(/\/+$/, "").split("/").pop() ?? queueUrl;
}
