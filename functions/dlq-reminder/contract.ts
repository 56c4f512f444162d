/** Environment of the dlq-reminder function: shared with the construct that sets it (lib/aws/dead-letter-reminder.ts), so the names cannot drift. */
export const ENV_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
export const ENV_TOPIC_ARN = "HEALTH_TOPIC_ARN";
export const ENV_EVENT_SLUG = "EVENT_SLUG";

export interface ReminderSettings {
  readonly queueUrl: string;
  readonly topicArn: string;
  readonly slug: string;
  readonly region: string;
}

/** Fails the cold start naming the missing variable: a reminder that cannot run must be loud. */
export function loadReminderSettings(env: Record<string, string | undefined>): ReminderSettings {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`dlq-reminder: environment variable ${name} is not set`);
    return v;
  };
  return { queueUrl: need(ENV_QUEUE_URL), topicArn: need(ENV_TOPIC_ARN), slug: need(ENV_EVENT_SLUG), region: need("AWS_REGION") };
}
