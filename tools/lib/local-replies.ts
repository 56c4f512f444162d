import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import type { ReplyQueue } from "../../functions/mail-to-alert/reply/reply-step";
import { statusConfigOf } from "../../functions/oncall-status/contract";
import { LOCAL_REPLY_KEY } from "./local-reply-key";
import { createStatusHandler } from "../../functions/oncall-status/handler";
import type { ReplyRequest } from "../../functions/reply-sender/contract";
import { createReplySender } from "../../functions/reply-sender/handler";
import { memoryStore } from "../../functions/reply-sender/send-once";

/** A reply `npm run local` would have sent, captured instead (also written as an .eml file). */
export interface CapturedReply {
  readonly slug: string;
  readonly kind: ReplyRequest["kind"];
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Buffer;
  readonly file: string;
}

export interface LocalReplies {
  /** The reply queue of one event: the real reply sender, run at once, capturing what it would send. */
  queueFor(config: FunctionRuntimeConfig): ReplyQueue | undefined;
  readonly captured: readonly CapturedReply[];
  /** The OnCall status webhook endpoint of an event (`POST`, Authorization: the secret). */
  statusUrl(slug: string): string;
  readonly statusSecret: string;
  close(): Promise<void>;
}

export interface LocalRepliesOptions {
  readonly configs: readonly FunctionRuntimeConfig[];
  /** Folder the captured replies are written to (one .eml each). */
  readonly dir: string;
  readonly statusPort?: number;
  /** @default random, printed at start */
  readonly statusSecret?: string;
  readonly now?: () => number;
  readonly log: (line: string) => void;
}

/**
 * Replies on your machine: each event's reply queue runs the real reply sender (render, MIME,
 * send once with an in-memory idempotency store) and captures the mail in a folder instead of
 * SES; an HTTP server on 127.0.0.1 plays the status endpoint for OnCall's outgoing webhooks
 * (`POST /oncall/<slug>`), with the real status handler and a shared secret.
 */
export async function startLocalReplies(options: LocalRepliesOptions): Promise<LocalReplies> {
  const now = options.now ?? Date.now;
  const captured: CapturedReply[] = [];
  const secret = options.statusSecret ?? randomBytes(24).toString("hex");
  const queues = new Map<string, ReplyQueue>();
  let n = 0;
  for (const config of options.configs) {
    if (!config.replies) continue;
    const log = jsonLogger(config.slug, options.log, now);
    // One store per event, as in Lambda (a table per event); a sender per request only to label the capture.
    const store = memoryStore();
    const capture = (kind: ReplyRequest["kind"]) => ({
      async send(mail: { from: string; to: readonly string[]; raw: Buffer }) {
        await fs.promises.mkdir(options.dir, { recursive: true });
        const file = path.join(options.dir, `${String(++n).padStart(4, "0")}-${config.slug}-${kind}.eml`);
        await fs.promises.writeFile(file, mail.raw);
        captured.push({ slug: config.slug, kind, from: mail.from, to: mail.to, raw: mail.raw, file });
      },
    });
    queues.set(config.slug, {
      async send(request) {
        await createReplySender({ fromAddresses: config.addresses, store, now, log, sender: capture(request.kind) }).sendRequest(request);
      },
    });
  }
  const handlers = new Map(
    options.configs.filter((c) => c.replies).map((c) => [c.slug, createStatusHandler({ config: statusConfigOf(c), secret: async () => secret, replyKeys: async () => [LOCAL_REPLY_KEY], queue: queues.get(c.slug)!, log: jsonLogger(c.slug, options.log, now), now })]),
  );

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const slug = /^\/oncall\/([a-z0-9-]+)$/.exec(req.url ?? "")?.[1];
      const handle = slug ? handlers.get(slug) : undefined;
      if (!handle) return void res.writeHead(404).end();
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
      handle({ headers, body: Buffer.concat(chunks).toString("utf8"), requestContext: { http: { method: req.method ?? "POST" } } }).then(
        (r) => res.writeHead(r.statusCode, r.headers).end(r.body),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.statusPort ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    queueFor: (config) => queues.get(config.slug),
    captured,
    statusUrl: (slug) => `http://127.0.0.1:${port}/oncall/${slug}`,
    statusSecret: secret,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
