import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { SMTPServer, SMTPServerAddress } from "smtp-server";
import type { AuthStatus, FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { fetchPoster, RetryPolicy } from "../../functions/mail-to-alert/deliver";
import { createHandler, Outcome } from "../../functions/mail-to-alert/handler";
import { jsonLogger, Logger, METRIC_NAMESPACE } from "../../functions/mail-to-alert/log";
import { concurrencyLimit, ConcurrencyLimit } from "./concurrency-limit";
import { folderDeadLetters } from "./dead-letter-folder";
import { LOCAL_CANARY_KEY } from "./local-canary-key";
import { LOCAL_REPLY_KEY } from "./local-reply-key";
import { LocalHealth, LocalHealthSettings, startLocalHealth } from "./local-health";
import { OnCallSink, RateLimit, startOnCallSink } from "./oncall-sink";
import { sesReceive } from "./ses-stand-in";
import { CapturedReply, startLocalReplies } from "./local-replies";

export interface LocalOptions {
  readonly configs: readonly FunctionRuntimeConfig[];
  /** Folder standing in for the raw-mail bucket: objects at <mailDir>/<prefix><messageId>. */
  readonly mailDir: string;
  /** OnCall integration URL; without it a built-in sink prints the alerts. */
  readonly oncallUrl?: string;
  /** Rate limit of the built-in sink (like OnCall's 300 alerts per 5 minutes); default none. */
  readonly sinkRateLimit?: RateLimit;
  readonly smtpPort?: number;
  readonly verdicts?: Partial<Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", AuthStatus>>;
  /** Pauses before Lambda's async retries (SES Event invocation: about 1 and 2 minutes). */
  readonly lambdaRetryDelaysMs?: readonly number[];
  /** Lambda timeout the handler's delivery deadline is measured against, one for all events or per slug. */
  readonly lambdaTimeoutMs?: number | Readonly<Record<string, number>>;
  /**
   * Reserved concurrency of each event's function (one for all events or per slug): at most this
   * many invocations of it run at once, the rest wait in order like Lambda's async queue.
   * @default 5 (function.reservedConcurrency's default)
   */
  readonly concurrency?: number | Readonly<Record<string, number>>;
  readonly retryPolicy?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * The clock of the handler (delivery deadlines, Retry-After dates), of Lambda's remaining time
   * and of the health emulation; scaled or virtual in benchmarks and tests.
   * @default Date.now
   */
  readonly now?: () => number;
  /** Pipeline-health emulation (alarms → SNS → local SMTP and HTTP sinks); default on, no subscribers. */
  readonly health?: LocalHealthSettings;
  /** Receipt time SES would stamp; default the wall clock. */
  readonly clock?: () => Date;
  /** Log lines (JSON) from the handler and the server; default stdout. */
  readonly log?: (line: string) => void;
  /** Sink output (alert summaries); default stdout. */
  readonly print?: (text: string) => void;
  /** Key the canary is verified with (`npm run canary -- --smtp` signs with the same). @default LOCAL_CANARY_KEY */
  readonly canaryKey?: string;
  /** Replies: captured as .eml files here instead of sent. @default `<mailDir>/_replies` */
  readonly replyDir?: string;
  /** Port of the local OnCall status endpoint (`POST /oncall/<slug>`). @default any free port */
  readonly statusPort?: number;
  /** Shared secret the status endpoint expects in Authorization. @default random */
  readonly statusSecret?: string;
}

/** One SES-style delivery of a mail to one event's function, with every invocation it took. */
export interface Invocation {
  readonly slug: string;
  readonly messageId: string;
  readonly attempts: readonly ({ ok: true; outcome: Outcome } | { ok: false; error: string })[];
  /** Final result: the outcome, or "dead-lettered" after Lambda's retries failed. */
  readonly result: Outcome | "dead-lettered";
}

export interface LocalServer {
  readonly smtpPort: number;
  /** URL of the built-in sink, when no oncallUrl was given. */
  readonly sinkUrl?: string;
  /** The built-in sink itself (its requests), when no oncallUrl was given. */
  readonly sink?: OnCallSink;
  readonly invocations: readonly Invocation[];
  /** Each event's concurrency limit (its high-water mark and throttle count), by slug. */
  readonly concurrency: ReadonlyMap<string, ConcurrencyLimit>;
  readonly health: LocalHealth;
  /** Replies the events would have sent (acknowledgements, closed-line and status mails). */
  readonly replies: readonly CapturedReply[];
  /** The local status endpoint of an event, for OnCall-style webhook POSTs. */
  statusUrl(slug: string): string;
  readonly statusSecret: string;
  /** Resolves when every accepted mail has finished (delivered, dropped or dead-lettered). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const SES_MAX_BYTES = 40 * 1024 * 1024;

function sesMessageId(): string {
  return randomBytes(20).toString("hex");
}

/** One value for every event, or a value per slug. */
function perEvent(value: number | Readonly<Record<string, number>> | undefined, slug: string, fallback: number): number {
  return typeof value === "number" ? value : (value?.[slug] ?? fallback);
}

/** The handler's logger, its counts also fed to the health emulation (CloudWatch reads them from EMF). */
function meteredLogger(logger: Logger, slug: string, health: LocalHealth): Logger {
  return {
    info: logger.info,
    warn: logger.warn,
    error: logger.error,
    count(metric, dimensions) {
      health.record(slug, METRIC_NAMESPACE, metric);
      logger.count(metric, dimensions);
    },
  };
}

/**
 * `npm run local`: an SMTP server on 127.0.0.1 playing SES for the configured events. For each
 * accepted mail it stores the raw bytes where the S3 action would, builds the SES Lambda event and
 * runs the same handler as Lambda, with Lambda's async retries, the function's reserved
 * concurrency (the rest wait in order), a dead-letter folder, and the pipeline-health emulation
 * (local-health.ts) fed with the metrics the real alarms watch.
 */
export async function startLocal(options: LocalOptions): Promise<LocalServer> {
  const writeLog = options.log ?? ((l: string) => void process.stdout.write(l + "\n"));
  const print = options.print ?? ((s: string) => void process.stdout.write(s));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const retryDelays = options.lambdaRetryDelaysMs ?? [1000, 2000];
  const sink = options.oncallUrl ? undefined : await startOnCallSink({ print, rateLimit: options.sinkRateLimit, now });
  const url = options.oncallUrl ?? sink!.url;
  // One folder for both dead letters: Lambda's after its retries, and the handler's own (permanent failures).
  const deadLetterDir = path.join(options.mailDir, "_dead-letter");
  const health = startLocalHealth({ ...options.health, events: options.configs, deadLetterDir, now: () => new Date(now()), log: writeLog });
  const limits = new Map(options.configs.map((c) => [c.slug, concurrencyLimit(perEvent(options.concurrency, c.slug, 5))]));
  const replies = await startLocalReplies({ configs: options.configs, dir: options.replyDir ?? path.join(options.mailDir, "_replies"), statusPort: options.statusPort, statusSecret: options.statusSecret, log: writeLog, now: options.clock ? () => options.clock!().getTime() : undefined });
  const byAddress = new Map<string, FunctionRuntimeConfig>();
  for (const c of options.configs) for (const a of c.addresses) byAddress.set(a.toLowerCase(), c);

  const handlers = new Map(
    options.configs.map((config) => [
      config.slug,
      createHandler({
        config,
        integrationUrl: async () => url,
        mailSource: { get: async (key) => new Uint8Array(await fs.promises.readFile(path.join(options.mailDir, key))) },
        poster: fetchPoster,
        deadLetters: folderDeadLetters(deadLetterDir, config.slug),
        log: meteredLogger(jsonLogger(config.slug, writeLog, now), config.slug, health),
        sleep,
        now,
        retryPolicy: options.retryPolicy,
        canaryKeys: async () => [options.canaryKey ?? LOCAL_CANARY_KEY],
        replyQueue: replies.queueFor(config),
        replyKey: async () => LOCAL_REPLY_KEY,
      }),
    ]),
  );
  const invocations: Invocation[] = [];
  const pending = new Set<Promise<void>>();

  async function invokeLikeLambda(config: FunctionRuntimeConfig, messageId: string, event: unknown): Promise<void> {
    const handle = handlers.get(config.slug)!;
    const limit = limits.get(config.slug)!;
    const timeoutMs = perEvent(options.lambdaTimeoutMs, config.slug, 60_000);
    const attempts: Invocation["attempts"][number][] = [];
    for (let i = 0; i <= retryDelays.length; i++) {
      // The retry pause is spent outside the function (no slot held); then it queues for a slot again.
      if (i > 0) await sleep(retryDelays[i - 1]!);
      const done = await limit.run(
        async () => {
          const started = now();
          try {
            const outcome = await handle(event, { awsRequestId: `local-${messageId}-${i}`, getRemainingTimeInMillis: () => timeoutMs - (now() - started) });
            attempts.push({ ok: true, outcome });
            invocations.push({ slug: config.slug, messageId, attempts, result: outcome });
            return true;
          } catch (e) {
            attempts.push({ ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
            health.record(config.slug, "AWS/Lambda", "Errors");
            return false;
          }
        },
        () => health.record(config.slug, "AWS/Lambda", "Throttles"),
      );
      if (done) return;
    }
    // Lambda's on-failure destination: keep the event so nothing is lost silently.
    try {
      await fs.promises.mkdir(deadLetterDir, { recursive: true });
      await fs.promises.writeFile(path.join(deadLetterDir, `${config.slug}-${messageId}.json`), JSON.stringify({ event, attempts }, null, 2));
    } catch (e) {
      health.record(config.slug, "AWS/Lambda", "DestinationDeliveryFailures");
      throw e;
    }
    writeLog(JSON.stringify({ level: "ERROR", message: "event dead-lettered after Lambda retries", event: config.slug, messageId, attempts: attempts.length }));
    invocations.push({ slug: config.slug, messageId, attempts, result: "dead-lettered" });
  }

  const smtp = new SMTPServer({
    name: "local-ses.invalid",
    banner: "email-to-oncall local SES stand-in",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: SES_MAX_BYTES,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (byAddress.has(address.address.toLowerCase())) return callback();
      const err = Object.assign(new Error(`5.1.1 <${address.address}>: no event receives mail for this address`), { responseCode: 550 });
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (e) => callback(e));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error("5.3.4 message larger than the 40 MB SES accepts"), { responseCode: 552 }));
        }
        const raw = Buffer.concat(chunks);
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const rcpts = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const accept = async () => {
          // One receipt rule (and function) per event, like SES: each event sees only its own recipients.
          for (const config of new Set(rcpts.map((r) => byAddress.get(r)!))) {
            const messageId = sesMessageId();
            const key = config.prefix + messageId;
            await fs.promises.mkdir(path.dirname(path.join(options.mailDir, key)), { recursive: true });
            // SES always writes its own results on top of what the sender wrote, even if the sender forged some.
            const { event, stored } = sesReceive(raw, {
              recipients: rcpts.filter((r) => config.addresses.includes(r)),
              mailFrom,
              messageId,
              verdicts: options.verdicts,
              arrival: "fresh",
              timestamp: (options.clock ?? (() => new Date()))(),
            });
            await fs.promises.writeFile(path.join(options.mailDir, key), stored);
            const job = invokeLikeLambda(config, messageId, event).finally(() => pending.delete(job));
            pending.add(job);
          }
        };
        // 250 only once the raw mail is stored (the S3 action), as SES does; the function runs after.
        accept().then(
          () => callback(),
          (e: unknown) => callback(e as Error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, "127.0.0.1", () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  return {
    smtpPort,
    sinkUrl: sink?.url,
    sink,
    invocations,
    concurrency: limits,
    health,
    replies: replies.captured,
    statusUrl: replies.statusUrl,
    statusSecret: replies.statusSecret,
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      await new Promise<void>((r) => smtp.close(() => r()));
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await health.stop();
      if (sink) await sink.close();
      await replies.close();
    },
  };
}
