import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import nodemailer from "nodemailer";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import type { RetryPolicy } from "../../functions/mail-to-alert/deliver";
import { startLocal } from "../../tools/lib/local-server";
import type { RateLimit } from "../../tools/lib/oncall-sink";

/**
 * The flood of issue 12 through `npm run local`: `mails` mails of one thread sent over SMTP (a
 * pool of connections, as fast as the local server accepts them), delivered by the real handler
 * under the function's reserved concurrency to the built-in sink, rate-limited like OnCall or not.
 * Shared by bench/flood.bench.ts (scaled clock) and __tests__/e2e/flood.test.ts (virtual clock).
 */
export interface FloodOptions {
  readonly config: FunctionRuntimeConfig;
  readonly mails: number;
  readonly concurrency: number;
  readonly rateLimit?: RateLimit;
  readonly retryPolicy?: RetryPolicy;
  readonly lambdaTimeoutMs: number;
  readonly lambdaRetryDelaysMs: readonly number[];
  /** The run's clock: handler, Lambda, sink and latencies all read it. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** SMTP connections sending at once. */
  readonly connections?: number;
  /** Receipt time stamped on the mails (inside the event window). */
  readonly receivedAt: Date;
}

export interface FloodResult {
  readonly accepted: number;
  /** Mails with at least one alert OnCall accepted (200). */
  readonly posted: number;
  readonly alertGroups: number;
  /** 429 answers of the sink. */
  readonly rateLimited: number;
  /** Lambda's async retries (invocations after a failed one). */
  readonly lambdaRetries: number;
  /** Invocations that waited for a concurrency slot (Lambda: throttles, queued). */
  readonly throttled: number;
  readonly deadLettered: number;
  /** Accepted mails neither posted nor dead-lettered: must be 0. */
  readonly lost: number;
  readonly maxConcurrent: number;
  /** Clock time from the SMTP 250 to OnCall's 200, per posted mail (ms, sorted). */
  readonly latencies: readonly number[];
  /** Clock time the sending took, and until the last mail had finished. */
  readonly sendMs: number;
  readonly drainMs: number;
  /** Most alerts the sink accepted in one rate-limit window (at most its limit). */
  readonly maxPerWindow: number;
}

type SesEvent = { Records: { ses: { mail: { commonHeaders: { messageId: string } } } }[] };

const ROOT_ID = "<flood-0@acme-shop.example>";

export function floodMail(i: number, to: string): string {
  const thread = i === 0 ? [] : [`In-Reply-To: ${ROOT_ID}`, `References: ${ROOT_ID}`];
  return [`From: Jane CTO <cto@acme-shop.example>`, `To: ${to}`, `Subject: ${i === 0 ? "" : "Re: "}Checkout is down`, `Message-ID: <flood-${i}@acme-shop.example>`, ...thread, `Date: Fri, 27 Nov 2026 15:00:00 +0000`, "", `Update ${i}: still failing for every basket.`, ""].join("\r\n");
}

/** Message-IDs compared without their angle brackets (the payload, the SES headers and the sender write them differently). */
const bare = (id: string) => id.trim().replace(/^<|>$/g, "");

export const percentile = (sorted: readonly number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export async function runFlood(o: FloodOptions): Promise<FloodResult> {
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-flood-"));
  const local = await startLocal({
    configs: [o.config],
    mailDir,
    concurrency: o.concurrency,
    sinkRateLimit: o.rateLimit,
    retryPolicy: o.retryPolicy,
    lambdaTimeoutMs: o.lambdaTimeoutMs,
    lambdaRetryDelaysMs: o.lambdaRetryDelaysMs,
    now: o.now,
    sleep: o.sleep,
    clock: () => o.receivedAt,
    log: () => undefined,
    print: () => undefined,
    health: { remindEveryMs: 0, periodMs: 3_600_000 },
  });
  const to = o.config.addresses[0]!;
  const acceptedAt = new Map<string, number>();
  const start = o.now();
  const transport = nodemailer.createTransport({ pool: true, maxConnections: o.connections ?? 4, maxMessages: Infinity, host: "127.0.0.1", port: local.smtpPort, secure: false, ignoreTLS: true });
  let accepted = 0;
  try {
    await Promise.all(
      Array.from({ length: o.mails }, async (_, i) => {
        const info = await transport.sendMail({ envelope: { from: "cto@acme-shop.example", to: [to] }, raw: floodMail(i, to) });
        if (info.accepted.length) {
          accepted++;
          acceptedAt.set(`flood-${i}@acme-shop.example`, o.now());
        }
      }),
    );
  } finally {
    transport.close();
  }
  const sendMs = o.now() - start;
  await local.idle();
  const drainMs = o.now() - start;
  const sink = local.sink!;
  const ok = sink.accepted();
  const firstPost = new Map<string, number>();
  for (const r of ok) {
    const id = bare(String(r.payload?.message_id));
    if (!firstPost.has(id)) firstPost.set(id, r.at);
  }
  const latencies = [...firstPost].map(([id, at]) => at - acceptedAt.get(id)!).sort((a, b) => a - b);
  const deadLettered = local.invocations.filter((i) => i.result === "dead-lettered" || (typeof i.result === "object" && i.result.action === "dead-lettered")).length;
  // What is in the dead-letter folder, by the mail's own Message-ID (Lambda's record or the handler's).
  const dir = path.join(mailDir, "_dead-letter");
  const inFolder = new Set(
    (fs.existsSync(dir) ? fs.readdirSync(dir) : []).map((f) => {
      const record = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { event?: SesEvent; requestPayload?: SesEvent };
      return bare((record.event ?? record.requestPayload)!.Records[0]!.ses.mail.commonHeaders.messageId);
    }),
  );
  if (inFolder.size !== deadLettered) throw new Error(`dead-letter folder holds ${inFolder.size} mails, invocations say ${deadLettered}`);
  const perWindow = new Map<number, number>();
  for (const r of ok) {
    const w = o.rateLimit ? Math.floor((r.at - sink.origin) / o.rateLimit.windowMs) : 0;
    perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
  }
  const limit = local.concurrency.get(o.config.slug)!;
  const result: FloodResult = {
    accepted,
    posted: firstPost.size,
    alertGroups: new Set(ok.map((r) => String(r.payload?.alert_uid))).size,
    rateLimited: sink.requests.filter((r) => r.status === 429).length,
    lambdaRetries: local.invocations.reduce((n, i) => n + i.attempts.length - 1, 0),
    throttled: limit.throttled,
    deadLettered,
    lost: [...acceptedAt.keys()].filter((id) => !firstPost.has(id) && !inFolder.has(id)).length,
    maxConcurrent: limit.maxActive,
    latencies,
    sendMs,
    drainMs,
    maxPerWindow: Math.max(0, ...perWindow.values()),
  };
  await local.close();
  fs.rmSync(mailDir, { recursive: true, force: true });
  return result;
}
