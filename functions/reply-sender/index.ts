import { jsonLogger } from "../mail-to-alert/log";
import { dynamoStore, sesV2Sender } from "./aws";
import { createReplySender, SqsRecord } from "./handler";
import { loadReplySenderSettings } from "./settings";

// Validated at cold start; AWS_REGION is set by the Lambda runtime.
const settings = loadReplySenderSettings(process.env);
const log = jsonLogger(settings.slug);
const sender = createReplySender({
  fromAddresses: settings.fromAddresses,
  store: dynamoStore(settings.table, settings.region),
  sender: sesV2Sender(settings.region),
  log,
});

/** SQS event source (batch size 1, ReportBatchItemFailures): a failed reply is retried alone. */
export const handler = async (event: { Records?: SqsRecord[] }, context?: { awsRequestId?: string }) => {
  log.requestId = context?.awsRequestId;
  return sender.handle(event);
};
