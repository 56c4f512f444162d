import { snsPublisher, sqsQueueDepth } from "./aws";
import { loadReminderSettings } from "./contract";
import { createReminderHandler } from "./handler";

// Validated at cold start; AWS_REGION is set by the Lambda runtime.
const settings = loadReminderSettings(process.env);
const check = createReminderHandler({
  slug: settings.slug,
  queueUrl: settings.queueUrl,
  depth: sqsQueueDepth(settings.queueUrl, settings.region),
  publisher: snsPublisher(settings.topicArn, settings.region),
  now: () => new Date(),
  log: (line) => void process.stdout.write(line + "\n"),
});

/** EventBridge scheduled event: its content is not needed, the schedule is the trigger. */
export const handler = async () => check();
