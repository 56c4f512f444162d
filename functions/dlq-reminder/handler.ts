import type { Publisher, QueueDepth } from "./aws";
import { queueNameOf, reminderFor } from "./remind";

export interface ReminderDeps {
  readonly slug: string;
  readonly queueUrl: string;
  readonly depth: QueueDepth;
  readonly publisher: Publisher;
  readonly now: () => Date;
  /** One JSON line per check: counts and names only (the queue and topic are not secrets; no mail content is read). */
  readonly log: (line: string) => void;
}

/** One scheduled check: read the depth, publish a reminder when it is above zero. Errors throw. */
export function createReminderHandler(deps: ReminderDeps): () => Promise<{ stuck: number; reminded: boolean }> {
  return async () => {
    const stuck = await deps.depth.stuck();
    const reminder = reminderFor({ slug: deps.slug, queueName: queueNameOf(deps.queueUrl), stuck, checkedAt: deps.now().toISOString() });
    if (reminder) await deps.publisher.publish(reminder.subject, reminder.message);
    deps.log(JSON.stringify({ level: "INFO", message: "dead-letter queue checked", event: deps.slug, stuck, reminded: reminder !== undefined }));
    return { stuck, reminded: reminder !== undefined };
  };
}
