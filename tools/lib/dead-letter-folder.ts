import * as fs from "node:fs";
import * as path from "node:path";
import type { DeadLetterSink } from "../../functions/mail-to-alert/dead-letter";

/**
 * `npm run local`'s stand-in for the event's dead-letter queue: one JSON file per record, the
 * exact message body the Lambda sends to SQS, so `npm run replay -- --dlq-file <file>` reads it.
 */
export function folderDeadLetters(dir: string, slug: string): DeadLetterSink {
  return {
    async send(record) {
      await fs.promises.mkdir(dir, { recursive: true });
      await fs.promises.writeFile(path.join(dir, `${slug}-${record.failure.messageId}.json`), JSON.stringify(record, null, 2));
    },
  };
}
