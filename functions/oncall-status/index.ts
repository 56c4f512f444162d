import { readFileSync } from "node:fs";
import { sqsReplyQueue } from "../mail-to-alert/aws";
import { jsonLogger } from "../mail-to-alert/log";
import { ssmSecret } from "./aws";
import { createStatusHandler, HttpEvent } from "./handler";
import { loadStatusSettings } from "./settings";

// Validated at cold start; AWS_REGION is set by the Lambda runtime.
const settings = loadStatusSettings(process.env, (path) => readFileSync(path, "utf8"));
const log = jsonLogger(settings.config.slug);
const secret = settings.secret;
const replyKey = ssmSecret(settings.replyKeyParameter, settings.region);
const handle = createStatusHandler({
  config: settings.config,
  secret: secret.kind === "direct" ? () => Promise.resolve(secret.value) : ssmSecret(secret.name, settings.region),
  replyKeys: async (refresh) => [await replyKey(refresh)],
  queue: sqsReplyQueue(settings.queueUrl, settings.region),
  log,
});

export const handler = async (event: HttpEvent, context?: { awsRequestId?: string }) => {
  log.requestId = context?.awsRequestId;
  return handle(event);
};
