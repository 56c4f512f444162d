import type { DynamoDBClient as Dynamo } from "@aws-sdk/client-dynamodb";
import type { SESv2Client as Ses } from "@aws-sdk/client-sesv2";
import type { ClientOverrides } from "../mail-to-alert/aws";
import type { MailSender } from "./handler";
import type { IdempotencyStore } from "./send-once";

// SDK clients ship with the Lambda runtime (external to the bundle) and load on first use.

/**
 * SES v2 SendEmail with raw content: the MIME carries the threading and Auto-Submitted headers
 * (SES keeps them and writes Message-ID and Date). FromEmailAddress is what IAM's ses:FromAddress
 * condition checks. Errors propagate: the queue retries.
 */
export function sesV2Sender(region: string, overrides: ClientOverrides = {}): MailSender {
  let loaded: Promise<{ ses: Ses; SendEmailCommand: typeof import("@aws-sdk/client-sesv2").SendEmailCommand }> | undefined;
  return {
    async send(mail) {
      loaded ??= import("@aws-sdk/client-sesv2").then((m) => ({ ses: new m.SESv2Client({ region, ...overrides }), SendEmailCommand: m.SendEmailCommand }));
      const { ses, SendEmailCommand } = await loaded;
      await ses.send(new SendEmailCommand({ FromEmailAddress: mail.from, Destination: { ToAddresses: [...mail.to] }, Content: { Raw: { Data: new Uint8Array(mail.raw) } } }));
    },
  };
}

/**
 * The idempotency table: partition key `pk`, TTL attribute `expiresAt` (epoch seconds; DynamoDB
 * deletes lazily, so conditions compare it too), `leaseUntil` (epoch ms) and `status`. Conditional
 * writes make a claim atomic: two deliveries of one mail cannot both win.
 */
export function dynamoStore(table: string, region: string, overrides: ClientOverrides = {}): IdempotencyStore {
  type M = typeof import("@aws-sdk/client-dynamodb");
  let loaded: Promise<{ db: Dynamo; m: M }> | undefined;
  const client = () => (loaded ??= import("@aws-sdk/client-dynamodb").then((m) => ({ db: new m.DynamoDBClient({ region, ...overrides }), m })));
  const seconds = (ms: number) => String(Math.ceil(ms / 1000));
  return {
    async claim(key, r) {
      const { db, m } = await client();
      try {
        await db.send(
          new m.PutItemCommand({
            TableName: table,
            Item: { pk: { S: key }, status: { S: "in-progress" }, leaseUntil: { N: String(r.leaseUntil) }, expiresAt: { N: seconds(r.expiresAt) } },
            ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :nowSeconds OR (#status = :inProgress AND leaseUntil < :nowMs)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: { ":nowSeconds": { N: String(Math.floor(r.now / 1000)) }, ":nowMs": { N: String(r.now) }, ":inProgress": { S: "in-progress" } },
          }),
        );
        return true;
      } catch (e) {
        if ((e as { name?: string }).name === "ConditionalCheckFailedException") return false;
        throw e;
      }
    },
    async complete(key, expiresAt) {
      const { db, m } = await client();
      await db.send(
        new m.UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: key } },
          UpdateExpression: "SET #status = :done, expiresAt = :exp REMOVE leaseUntil",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":done": { S: "done" }, ":exp": { N: seconds(expiresAt) } },
        }),
      );
    },
    async release(key) {
      const { db, m } = await client();
      await db.send(new m.DeleteItemCommand({ TableName: table, Key: { pk: { S: key } } }));
    },
  };
}
