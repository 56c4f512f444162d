import * as path from "node:path";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { CliIo, CONFIG_DIR_OPTION, runCommand, UsageError } from "./cli";
import { loadConfig } from "../../config/load";
import { runtimeConfigsOf } from "./event-config";
import { SmtpTarget } from "./local-health";
import { LOCAL_CANARY_KEY, LOCAL_CANARY_KEY_ENV } from "./local-canary-key";
import { LocalServer, startLocal } from "./local-server";
import { ONCALL_RATE_LIMIT, RateLimit } from "./oncall-sink";
import { parseVerdicts } from "./verdict-spec";

/** Where `npm run local` keeps the raw mail (git-ignored through .build/). */
export const DEFAULT_LOCAL_MAIL_DIR = ".build/local-mail";

export const LOCAL_COMMAND = {
  command: "npm run local --",
  summary: "SES on your machine: an SMTP server on 127.0.0.1 for the configured events, running the function's real handler.",
  options: {
    "config-dir": CONFIG_DIR_OPTION,
    port: { type: "string", value: "<port>", description: "SMTP port (0 = any free port)", default: "2525", env: "LOCAL_SMTP_PORT" },
    "mail-dir": { type: "string", value: "<dir>", description: "folder standing in for the raw-mail bucket", default: DEFAULT_LOCAL_MAIL_DIR, env: "LOCAL_MAIL_DIR" },
    verdicts: { type: "string", value: "<spec>", description: "SES verdicts of every mail, e.g. all=PASS,dmarc=GRAY; default all PASS", env: "LOCAL_VERDICTS" },
    "oncall-url": { type: "string", value: "<url>", description: "post alerts to this OnCall integration; default a built-in sink that prints them", env: "ONCALL_URL" },
    at: { type: "string", value: "<ISO time>", description: "receipt time stamped on every mail (to try a time inside the event window); default the wall clock" },
    concurrency: { type: "string", value: "<n>", description: "invocations of each event's function at once (its reserved concurrency); the rest wait in order; default the event's function.reservedConcurrency", env: "LOCAL_CONCURRENCY" },
    "sink-rate-limit": { type: "string", value: "<n>/<duration>", description: `make the built-in sink answer 429 + Retry-After beyond n alerts per window, like OnCall (${ONCALL_RATE_LIMIT.limit}/5m); default no limit` },
    "health-smtp": { type: "string", value: "<host:port,...>", description: "pipeline-health alarms and reminders by mail to these local SMTP sinks (127.0.0.1 only)", env: "LOCAL_HEALTH_SMTP" },
    "health-url": { type: "string", value: "<url,...>", description: "pipeline-health alarms and reminders as SNS-style JSON POSTs to these local URLs (127.0.0.1 only)", env: "LOCAL_HEALTH_URL" },
    "health-period": { type: "string", value: "<duration>", description: "alarm evaluation period (production: 5m)", default: "1m" },
    "expect-canary": { type: "boolean", description: "emulate the canary-missing alarm (ALARM after two periods without a canary; send them with npm run canary -- --smtp)" },
    "remind-every": { type: "string", value: "<duration>", description: "re-notify while the dead-letter folder holds mail (0 = never); default the event's function.deadLetterReminderMinutes" },
    "status-port": { type: "string", value: "<port>", description: "port of the local OnCall status endpoint (POST /oncall/<slug>; 0 = any free port)", default: "0", env: "LOCAL_STATUS_PORT" },
    "reply-dir": { type: "string", value: "<dir>", description: "folder the replies are captured in (as .eml) instead of sent; default <mail-dir>/_replies" },
  },
  notes: ["Durations: a number and a unit, e.g. 500ms, 30s, 5m, 1h."],
} as const;

/** `30s`, `5m`, `1h`, `500ms` (or `0`) as milliseconds. */
export function parseDuration(flag: string, text: string): number {
  if (text.trim() === "0") return 0;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new UsageError(`--${flag}: not a duration: ${text} (write e.g. 30s, 5m, 1h)`);
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"]);
}

/** `127.0.0.1:2526,localhost:2527` as SMTP targets. */
export function parseSmtpTargets(text: string): SmtpTarget[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(t);
      const port = Number(m?.[2]);
      if (!m || port < 1 || port > 65535) throw new UsageError(`--health-smtp: not a host:port: ${t}`);
      return { host: m[1]!.replace(/^\[|\]$/g, ""), port };
    });
}

/** `300/5m` as a rate limit. */
export function parseRateLimit(text: string): RateLimit {
  const m = /^(\d+)\/(.+)$/.exec(text.trim());
  const limit = Number(m?.[1]);
  if (!m || !Number.isInteger(limit) || limit < 1) throw new UsageError(`--sink-rate-limit: write alerts/window, e.g. 300/5m, not ${text}`);
  const windowMs = parseDuration("sink-rate-limit", m[2]!);
  if (windowMs <= 0) throw new UsageError(`--sink-rate-limit: the window must be longer than 0`);
  return { limit, windowMs };
}

/** Events whose window does not contain `now`: their alerts carry OUTSIDE WINDOW, which surprises a first run. */
function outsideWindowNotes(configs: readonly FunctionRuntimeConfig[], now: Date): string[] {
  return configs
    .filter((c) => now < new Date(c.window.start) || now >= new Date(c.window.end))
    .map((c) => `note: ${c.slug}'s window (${c.window.start} to ${c.window.end}) does not contain ${now.toISOString()}: its alerts are marked OUTSIDE WINDOW; set the event's dates, or try --at <a time inside it>`);
}

/** `npm run local`: starts the server and resolves with it (the caller stops it). */
export async function runLocal(argv: readonly string[], io: CliIo, started: (server: LocalServer) => void): Promise<number> {
  return runCommand(LOCAL_COMMAND, argv, io, async ({ values }) => {
    const at = values.at ? new Date(values.at) : undefined;
    if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at: not a date: ${values.at}`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number: ${values.port}`);
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) throw new UsageError(`--concurrency: not a whole number of at least 1: ${values.concurrency}`);
    const smtpTargets = values["health-smtp"] ? parseSmtpTargets(values["health-smtp"]) : [];
    const urls = (values["health-url"] ?? "").split(",").map((u) => u.trim()).filter(Boolean);
    for (const u of urls) {
      if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u)) throw new UsageError(`--health-url: only http(s)://127.0.0.1 URLs (a local sink), not ${u}`);
    }
    for (const t of smtpTargets) {
      if (!["127.0.0.1", "localhost", "::1"].includes(t.host)) throw new UsageError(`--health-smtp: only 127.0.0.1 (a local SMTP sink), not ${t.host}`);
    }
    const periodMs = parseDuration("health-period", values["health-period"]);
    if (periodMs <= 0) throw new UsageError("--health-period: must be longer than 0");
    const remindEvery = values["remind-every"] === undefined ? undefined : parseDuration("remind-every", values["remind-every"]);
    const sinkRateLimit = values["sink-rate-limit"] ? parseRateLimit(values["sink-rate-limit"]) : undefined;
    const app = loadConfig(values["config-dir"]);
    const configs = runtimeConfigsOf(app);
    // Each event's own function settings, as deployed, unless a flag overrides them for all.
    const bySlug = (pick: (e: (typeof app.events)[number]) => number) => Object.fromEntries(app.events.map((e) => [e.slug, pick(e)]));
    const mailDir = path.resolve(values["mail-dir"]);
    const statusPort = Number(values["status-port"]);
    if (!Number.isInteger(statusPort) || statusPort < 0 || statusPort > 65535) throw new UsageError(`--status-port: not a port number: ${values["status-port"]}`);
    const replyDir = path.resolve(values["reply-dir"] || path.join(mailDir, "_replies"));
    const server = await startLocal({
      configs,
      mailDir,
      oncallUrl: values["oncall-url"] || undefined,
      sinkRateLimit,
      smtpPort: port,
      verdicts: parseVerdicts(values.verdicts),
      clock: at ? () => at : undefined,
      canaryKey: io.env?.[LOCAL_CANARY_KEY_ENV] || LOCAL_CANARY_KEY,
      concurrency: concurrency ?? bySlug((e) => e.function.reservedConcurrency),
      lambdaTimeoutMs: bySlug((e) => e.function.timeoutSeconds * 1000),
      health: {
        smtp: smtpTargets,
        urls,
        emailTo: [...new Set(app.events.flatMap((e) => e.health?.email ?? []))],
        periodMs,
        expectCanary: values["expect-canary"],
        remindEveryMs: remindEvery ?? bySlug((e) => e.function.deadLetterReminderMinutes * 60_000),
      },
      replyDir,
      statusPort,
    });
    const addresses = configs.flatMap((c) => c.addresses);
    io.err(
      [
        `local SES listening on smtp://127.0.0.1:${server.smtpPort}; raw mail in ${mailDir}; alerts to ${values["oncall-url"] ? "the OnCall URL given" : "the built-in sink (printed below)"}`,
        `accepting: ${addresses.join(", ")}`,
        `pipeline health: alarms evaluated every ${values["health-period"]}; ${smtpTargets.length + urls.length ? `notifying ${[...smtpTargets.map((t) => `smtp://${t.host}:${t.port}`), ...urls].join(", ")}` : "no local subscribers (--health-smtp, --health-url): state changes are logged only"}`,
        ...outsideWindowNotes(configs, at ?? new Date()),
        `canary: npm run canary -- --event ${configs[0]?.slug ?? "<slug>"} --smtp 127.0.0.1:${server.smtpPort}${at ? ` --at ${at.toISOString()}` : ""}   (counted, never paged)`,
        ...(configs.some((c) => c.replies)
          ? [
              `replies are captured in ${replyDir} (nothing is sent)`,
              ...configs.filter((c) => c.replies).map((c) => `OnCall status webhooks of ${c.slug}: POST ${server.statusUrl(c.slug)} with "Authorization: ${server.statusSecret}" (a local secret)`),
            ]
          : []),
        `try: swaks --server 127.0.0.1:${server.smtpPort} --from ${configs[0]?.trustedSenders.addresses[0] ?? "you@example.com"} --to ${addresses[0]} --header "Subject: Checkout is down" --body "Test page"`,
        "",
      ].join("\n"),
    );
    started(server);
    return 0;
  });
}
