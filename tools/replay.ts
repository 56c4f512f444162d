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
 *   --config-dir <dir> (default events), --dry-run (decide and render, post nothing, say where it would post).
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
import { DEFAULT_CONFIG_DIR } from "../config/dir";
import { CliIo, CONFIG_DIR_OPTION, exitWith, parseCommand, processIo, runCommand, UsageError } from "./lib/cli";
import { dryRunLogger } from "./lib/dry-run-log";
import { pickEvent, runtimeConfigsOf } from "./lib/event-config";
import { headerRecipients } from "./lib/mail-recipients";
import { parseVerdicts } from "./lib/verdict-spec";
import { sesReceive } from "./lib/ses-stand-in";
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
  configDir: string;
  dryRun: boolean;
}

export const REPLAY_COMMAND = {
  command: "npm run replay --",
  summary:
    "Re-delivers stored mail through the function's own handler (same decision, alert and alert group as the Lambda).\n" +
    "Give exactly one source: --message-id (the raw mail in S3 or --mail-dir), --dlq-file or --file.",
  options: {
    event: { type: "string", value: "<slug>", description: "the event; default: the only one, else from the dead letter's recipients or the file's To/Cc" },
    "message-id": { type: "string", value: "<SES id>", description: "replay <bucket>/<slug>/<id> (operator's AWS credentials)" },
    "dlq-file": { type: "string", value: "<messages.json>", description: "replay the original SES events of `aws sqs receive-message` output" },
    file: { type: "string", value: "<mail.eml>", description: "replay a raw mail on disk" },
    "mail-dir": { type: "string", value: "<dir>", description: "a local folder laid out like the bucket, instead of S3" },
    "oncall-url": { type: "string", value: "<url>", description: "post here; default the SSM parameter the event stack writes", env: "ONCALL_URL" },
    verdicts: { type: "string", value: "<spec>", description: "override SES verdicts, e.g. spf=PASS,dmarc=PASS; default the original event's, else those SES wrote into the stored mail" },
    "config-dir": CONFIG_DIR_OPTION,
    "dry-run": { type: "boolean", description: "decide and render, post nothing; prints what would have been posted where" },
  },
} as const;

/** Parses the command line (throws UsageError); `help` when --help was asked. */
export function parseReplayArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ReplayArgs & { help?: true; warnings?: readonly string[] } {
  const parsed = parseCommand(REPLAY_COMMAND, argv, env);
  if (parsed.help) return { configDir: DEFAULT_CONFIG_DIR, dryRun: false, help: true };
  const v = parsed.values;
  const a: ReplayArgs & { warnings: readonly string[] } = {
    event: v.event,
    messageId: v["message-id"],
    file: v.file,
    dlqFile: v["dlq-file"],
    mailDir: v["mail-dir"],
    oncallUrl: v["oncall-url"] || undefined,
    verdicts: v.verdicts,
    configDir: v["config-dir"],
    dryRun: v["dry-run"],
    warnings: parsed.warnings,
  };
  const sources = [a.messageId && !a.file, a.dlqFile, a.file].filter(Boolean).length;
  if (sources !== 1) throw new UsageError("give exactly one of --message-id, --dlq-file, --file");
  if (a.messageId !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(a.messageId)) throw new UsageError("--message-id must be an SES message id (letters, digits, . _ -)");
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
  /** Why the dead letter was written, when replayed from one (Lambda's condition, or our failure's fix). */
  readonly deadLetteredBecause?: string;
  readonly payload?: AlertPayload;
  /** Where the alert went, or would have gone in a dry run (described, not the URL). */
  readonly destination?: string;
}

export interface ReplayDeps {
  readonly poster?: Poster;
  readonly write?: (line: string) => void;
}

/** Runs the replay(s); one result per mail. Never throws for one mail's failure: it is reported. */
export async function replay(args: ReplayArgs, deps: ReplayDeps = {}): Promise<ReplayResult[]> {
  const appConfig = loadConfig(args.configDir);
  const configs = runtimeConfigsOf(appConfig);
  const dlq = args.dlqFile ? deadLettersFrom(JSON.parse(fs.readFileSync(args.dlqFile, "utf8"))) : [];
  const recipients = dlq.length
    ? { addresses: envelopeRecipients(dlq[0]!.event), source: "dead letter's envelope recipients" }
    : args.file
      ? await headerRecipients(fs.readFileSync(args.file))
      : undefined;
  const config = pickEvent(configs, args.event, recipients);
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
  const parameter = eventNames(appConfig.foundation, config.slug).urlParameter;
  // Named, never printed: the integration URL is a credential.
  const destination = args.oncallUrl ? "the OnCall URL given (--oncall-url / ONCALL_URL)" : `the OnCall URL in SSM parameter ${parameter} (${config.region})`;
  const url = args.dryRun
    ? async () => "http://dry-run.invalid/"
    : args.oncallUrl
      ? async () => args.oncallUrl!
      : integrationUrlResolver({ kind: "parameter", name: parameter }, config.region);
  const log = jsonLogger(config.slug, deps.write ?? ((l) => void process.stderr.write(`${l}\n`)));
  // With --verdicts the mail is re-received: the handler must read that copy, not the stored one.
  const rejudged = new Map<string, Uint8Array>();
  const mailSource: MailSource = { get: async (key) => rejudged.get(key) ?? source.get(key) };
  // A replay never writes to the queue: the message being replayed is still there, and a permanent
  // failure is reported to the operator instead (the handler returns "dead-lettered").
  const deadLetters = { send: async () => undefined };
  const handle = createHandler({ config, integrationUrl: url, mailSource, poster, deadLetters, log: args.dryRun ? dryRunLogger(log, destination) : log });

  const jobs: { messageId: string; event: () => Promise<unknown>; because?: string }[] = [];
  if (dlq.length) {
    for (const d of dlq) jobs.push({ messageId: d.messageId, event: async () => withVerdicts(d.event, override), because: d.failure?.reason ?? d.condition });
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
      const error = outcome.action === "dead-lettered" ? `permanent delivery failure: OnCall answered HTTP ${outcome.status}` : undefined;
      results.push({ messageId: job.messageId, outcome, error, payload: posted[posted.length - 1], destination, deadLetteredBecause: job.because });
    } catch (e) {
      results.push({ messageId: job.messageId, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), deadLetteredBecause: job.because });
    }
  }
  return results;
}

/** Envelope recipients of a dead-lettered SES event (they chose the receipt rule, hence the event). */
function envelopeRecipients(event: { Records: unknown[] }): string[] {
  const rec = event.Records[0] as { ses?: { receipt?: { recipients?: string[] } } };
  return (rec.ses?.receipt?.recipients ?? []).map((r) => r.toLowerCase());
}

function withVerdicts(event: { Records: unknown[] }, override: Partial<Record<string, string>> | undefined): unknown {
  if (!override || Object.keys(override).length === 0) return event;
  const copy = JSON.parse(JSON.stringify(event)) as { Records: { ses: { receipt: Record<string, { status: string }> } }[] };
  const receipt = copy.Records[0]!.ses.receipt;
  for (const [k, v] of Object.entries(override)) if (v) receipt[`${k}Verdict`] = { status: v };
  return copy;
}

/** One JSON line per mail: what happened, or in a dry run what would have happened. */
export function resultLine(r: ReplayResult, dryRun: boolean): Record<string, unknown> {
  const o = r.outcome;
  const was = r.deadLetteredBecause ? { deadLetteredBecause: r.deadLetteredBecause } : {};
  if (!o) return { messageId: r.messageId, action: "failed", error: r.error, ...was };
  // Said plainly: which mail, which status, what to fix. Retrying the replay will not help.
  if (o.action === "dead-lettered") return { messageId: r.messageId, action: "failed", permanent: true, status: o.status, fix: o.detail, alertUid: o.alertUid, ...was };
  if (o.action === "drop") return { messageId: r.messageId, action: "drop", reason: o.reason, detail: o.detail, ...(dryRun ? { dryRun } : {}), ...was };
  // Replay has no canary key: only a handler given one says "canary" (never paged either way).
  if (o.action === "canary") return { messageId: r.messageId, action: "canary", detail: o.detail, ...was };
  if (dryRun) return { messageId: r.messageId, action: "page", dryRun, sent: false, wouldPostTo: r.destination, alertUid: o.alertUid, markers: o.markers, title: r.payload?.title, ...was };
  return { messageId: r.messageId, action: "page", dryRun, sent: true, postedTo: r.destination, alertUid: o.alertUid, attempts: o.attempts, markers: o.markers, ...was };
}

export async function runReplay(argv: readonly string[], io: CliIo, deps: ReplayDeps = {}): Promise<number> {
  return runCommand(REPLAY_COMMAND, argv, io, async () => {
    const args = parseReplayArgs(argv, io.env);
    const results = await replay(args, { write: (l) => io.err(`${l}\n`), ...deps });
    for (const r of results) io.out(`${JSON.stringify(resultLine(r, args.dryRun))}\n`);
    for (const r of results) if (r.outcome?.action === "dead-lettered") io.err(`permanent failure: mail ${r.messageId}: OnCall answered HTTP ${r.outcome.status}. ${r.outcome.detail}\n`);
    return results.some((r) => r.error) ? 1 : 0;
  });
}

if (require.main === module) exitWith("replay", runReplay(process.argv.slice(2), processIo()));
