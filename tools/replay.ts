/**
 * Re-delivers a stored mail through the function's own handler, once the cause of a failed page
 * is fixed. The handler is the one Lambda runs (createHandler), so the decision, the alert and its
 * grouping key (thread root, else SES message id) are identical to the normal path: a replay of a
 * mail that did page lands in the same OnCall alert group instead of opening a new one.
 *
 *   npm run replay -- --event <slug> --message-id <SES id>       raw mail from S3 (operator's AWS credentials)
 *   npm run replay -- --event <slug> --dlq-file <messages.json>  the original SES events from the dead-letter queue
 *   npm run replay -- --event <slug> --file <mail.eml>           a raw mail on disk
 * Options: --mail-dir <dir> (a local folder laid out like the bucket, instead of S3),
 *   --oncall-url <url> (or ONCALL_URL; default the SSM parameter the stack writes),
 *   --verdicts spf=PASS,... (override; default: the original event's, else recovered from the stored mail),
 *   --events-dir <dir> (default events), --dry-run (decide and render, post nothing).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../config/load";
import { integrationUrlResolver, s3MailSource } from "../functions/mail-to-alert/aws";
import type { AlertPayload, FunctionRuntimeConfig } from "../functions/mail-to-alert/contract";
import { fetchPoster, type Poster } from "../functions/mail-to-alert/deliver";
import { createHandler, type MailSource, type Outcome } from "../functions/mail-to-alert/handler";
import { jsonLogger } from "../functions/mail-to-alert/log";
import { eventNames } from "../stacks/naming";
import { pickEvent, runtimeConfigsOf } from "./lib/event-config";
import { parseVerdicts } from "./lib/preview-cli";
import { sesReceive } from "./lib/ses-event";
import { deadLettersFrom } from "./replay/dlq";
import { verdictsFromStoredMail } from "./replay/verdicts";

export interface ReplayArgs {
  event?: string;
  messageId?: string;
  file?: string;
  dlqFile?: string;
  mailDir?: string;
  oncallUrl?: string;
  verdicts?: string;
  eventsDir: string;
  dryRun: boolean;
}

export const REPLAY_USAGE =
  "usage: npm run replay -- --event <slug> (--message-id <id> | --dlq-file <messages.json> | --file <mail.eml>) [--mail-dir <dir>] [--oncall-url <url>] [--verdicts spf=PASS,...] [--events-dir <dir>] [--dry-run]";

export function parseReplayArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ReplayArgs {
  const a: ReplayArgs = { eventsDir: "events", dryRun: false, oncallUrl: env.ONCALL_URL || undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${REPLAY_USAGE}`);
      return v;
    };
    switch (flag) {
      case "--event": a.event = value(); break;
      case "--message-id": a.messageId = value(); break;
      case "--file": a.file = value(); break;
      case "--dlq-file": a.dlqFile = value(); break;
      case "--mail-dir": a.mailDir = value(); break;
      case "--oncall-url": a.oncallUrl = value(); break;
      case "--verdicts": a.verdicts = value(); break;
      case "--events-dir": a.eventsDir = value(); break;
      case "--dry-run": a.dryRun = true; break;
      default: throw new Error(`unknown argument ${flag}\n${REPLAY_USAGE}`);
    }
  }
  const sources = [a.messageId && !a.file, a.dlqFile, a.file].filter(Boolean).length;
  if (sources !== 1) throw new Error(`give exactly one of --message-id, --dlq-file, --file\n${REPLAY_USAGE}`);
  if (a.messageId !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(a.messageId)) throw new Error("--message-id must be an SES message id (letters, digits, . _ -)");
  return a;
}

/** Raw mail by object key: the bucket, a local folder laid out like it, or one file for any key. */
function mailSourceFor(args: ReplayArgs, config: FunctionRuntimeConfig): MailSource {
  if (args.file) {
    const bytes = fs.readFileSync(args.file);
    return { get: async () => bytes };
  }
  if (args.mailDir) {
    const root = path.resolve(args.mailDir);
    return {
      async get(key) {
        const file = path.resolve(root, key);
        if (!file.startsWith(root + path.sep)) throw new Error(`object key ${key} leaves the mail folder`);
        return fs.promises.readFile(file);
      },
    };
  }
  return s3MailSource(config.bucket, config.region);
}

export interface ReplayResult {
  readonly messageId: string;
  readonly outcome?: Outcome;
  readonly error?: string;
  readonly payload?: AlertPayload;
}

export interface ReplayDeps {
  readonly poster?: Poster;
  readonly write?: (line: string) => void;
}

/** Runs the replay(s); one result per mail. Never throws for one mail's failure: it is reported. */
export async function replay(args: ReplayArgs, deps: ReplayDeps = {}): Promise<ReplayResult[]> {
  const appConfig = loadConfig(args.eventsDir);
  const configs = runtimeConfigsOf(appConfig);
  const dlq = args.dlqFile ? deadLettersFrom(JSON.parse(fs.readFileSync(args.dlqFile, "utf8"))) : [];
  const config = pickEvent(configs, args.event ?? (dlq.length ? eventOfDeadLetter(dlq[0]!.event, configs) : undefined));
  const source = mailSourceFor(args, config);
  const override = args.verdicts ? parseVerdicts(args.verdicts) : undefined;
  const posted: AlertPayload[] = [];
  const basePoster = deps.poster ?? fetchPoster;
  const poster: Poster = {
    async post(url, payload, timeoutMs) {
      posted.push(payload);
      if (args.dryRun) return { status: 200, retryAfter: null };
      return basePoster.post(url, payload, timeoutMs);
    },
  };
  const url = args.dryRun
    ? async () => "http://dry-run.invalid/"
    : args.oncallUrl
      ? async () => args.oncallUrl!
      : integrationUrlResolver({ kind: "parameter", name: eventNames(appConfig.foundation, config.slug).urlParameter }, config.region);
  // With --verdicts the mail is re-received: the handler must read that copy, not the stored one.
  const rejudged = new Map<string, Uint8Array>();
  const mailSource: MailSource = { get: async (key) => rejudged.get(key) ?? source.get(key) };
  const handle = createHandler({ config, integrationUrl: url, mailSource, poster, log: jsonLogger(config.slug, deps.write ?? ((l) => void process.stderr.write(`${l}\n`))) });

  const jobs: { messageId: string; event: () => Promise<unknown> }[] = [];
  if (dlq.length) {
    for (const d of dlq) jobs.push({ messageId: d.messageId, event: async () => withVerdicts(d.event, override) });
  } else {
    const messageId = args.messageId ?? path.basename(args.file!).replace(/\.eml$/, "");
    jobs.push({
      messageId,
      event: async () => {
        // The stored copy tells how SES judged the mail; the envelope recipient is the event's
        // address (the object sits under the event's prefix because that rule matched).
        // No override: SES's stored results are used as they are. An override re-judges the mail
        // as if it arrived anew with those verdicts (SES's headers written afresh on top).
        const raw = await source.get(config.prefix + messageId);
        const verdicts = override && Object.keys(override).length > 0 ? { ...verdictsFromStoredMail(raw), ...override } : undefined;
        const arrival = sesReceive(raw, { recipients: [config.addresses[0]!], messageId, verdicts });
        if (verdicts) rejudged.set(config.prefix + messageId, arrival.stored);
        return arrival.event;
      },
    });
  }
  const results: ReplayResult[] = [];
  for (const job of jobs) {
    posted.length = 0;
    try {
      const outcome = await handle(await job.event());
      results.push({ messageId: job.messageId, outcome, payload: posted[posted.length - 1] });
    } catch (e) {
      results.push({ messageId: job.messageId, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  return results;
}

/** The event whose address received the dead-lettered mail (envelope recipients). */
function eventOfDeadLetter(event: { Records: unknown[] }, configs: readonly FunctionRuntimeConfig[]): string | undefined {
  const rec = event.Records[0] as { ses?: { receipt?: { recipients?: string[] } } };
  const rcpt = (rec.ses?.receipt?.recipients ?? []).map((r) => r.toLowerCase());
  return configs.find((c) => c.addresses.some((a) => rcpt.includes(a)))?.slug;
}

function withVerdicts(event: { Records: unknown[] }, override: Partial<Record<string, string>> | undefined): unknown {
  if (!override || Object.keys(override).length === 0) return event;
  const copy = JSON.parse(JSON.stringify(event)) as { Records: { ses: { receipt: Record<string, { status: string }> } }[] };
  const receipt = copy.Records[0]!.ses.receipt;
  for (const [k, v] of Object.entries(override)) if (v) receipt[`${k}Verdict`] = { status: v };
  return copy;
}

async function main(): Promise<number> {
  let args: ReplayArgs;
  try {
    args = parseReplayArgs(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const results = await replay(args);
  for (const r of results) {
    const o = r.outcome;
    const line = o
      ? o.action === "page"
        ? { messageId: r.messageId, action: "page", alertUid: o.alertUid, attempts: o.attempts, markers: o.markers, dryRun: args.dryRun }
        : { messageId: r.messageId, action: "drop", reason: o.reason, detail: o.detail }
      : { messageId: r.messageId, action: "failed", error: r.error };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return results.some((r) => r.error) ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`replay: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
