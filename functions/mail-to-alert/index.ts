import { readFileSync } from "node:fs";
import { ssmSecret } from "../canary/aws";
import { integrationUrlResolver, s3MailSource, sqsDeadLetters, sqsReplyQueue } from "./aws";
import { loadSettings } from "./config";
import { fetchPoster } from "./deliver";
import { createHandler, InvocationContext } from "./handler";
import { sendHeartbeat } from "./heartbeat";
import { jsonLogger } from "./log";

// Read once and validated at cold start (the config layer's file, or EVENT_CONFIG): a bad config
// fails the init with a message naming the field.
const settings = loadSettings(process.env, (path) => readFileSync(path, "utf8"));
const log = jsonLogger(settings.config.slug);
for (const warning of settings.warnings) log.warn(warning);
const canaryKey = settings.canaryKeyParameter ? ssmSecret(settings.canaryKeyParameter, settings.config.region) : undefined;
// Read at cold start, not on the first page: the page never waits for it (the handler bounds the wait).
const replyKey = settings.replyKeyParameter ? ssmSecret(settings.replyKeyParameter, settings.config.region) : undefined;
replyKey?.(false).catch(() => undefined);
const integrationUrl = integrationUrlResolver(settings.urlSource, settings.config.region);
const handle = createHandler({
  config: settings.config,
  integrationUrl,
  notifyIntegrationUrl: settings.notifyUrlSource ? integrationUrlResolver(settings.notifyUrlSource, settings.config.region) : undefined,
  mailSource: s3MailSource(settings.config.bucket, settings.config.region),
  poster: fetchPoster,
  deadLetters: settings.deadLetterQueueUrl ? sqsDeadLetters(settings.deadLetterQueueUrl, settings.config.region) : undefined,
  canaryKeys: canaryKey ? async (refresh) => [await canaryKey(refresh)] : undefined,
  heartbeat: settings.heartbeat ? async () => sendHeartbeat(await integrationUrl()) : undefined,
  replyKey,
  replyQueue: settings.replyQueueUrl ? sqsReplyQueue(settings.replyQueueUrl, settings.config.region) : undefined,
  log,
});

export const handler = async (event: unknown, context?: InvocationContext) => {
  log.requestId = context?.awsRequestId;
  return handle(event, context);
};
