import * as path from "node:path";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { CliIo, CONFIG_DIR_OPTION, runCommand, UsageError } from "./cli";
import { eventRuntimeConfigs } from "./event-config";
import { LocalServer, startLocal } from "./local-server";
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
    "status-port": { type: "string", value: "<port>", description: "port of the local OnCall status endpoint (POST /oncall/<slug>; 0 = any free port)", default: "0", env: "LOCAL_STATUS_PORT" },
    "reply-dir": { type: "string", value: "<dir>", description: "folder the replies are captured in (as .eml) instead of sent; default <mail-dir>/_replies" },
  },
} as const;

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
    const configs = eventRuntimeConfigs(values["config-dir"]);
    const mailDir = path.resolve(values["mail-dir"]);
    const statusPort = Number(values["status-port"]);
    if (!Number.isInteger(statusPort) || statusPort < 0 || statusPort > 65535) throw new UsageError(`--status-port: not a port number: ${values["status-port"]}`);
    const replyDir = path.resolve(values["reply-dir"] || path.join(mailDir, "_replies"));
    const server = await startLocal({
      configs,
      mailDir,
      oncallUrl: values["oncall-url"] || undefined,
      smtpPort: port,
      verdicts: parseVerdicts(values.verdicts),
      clock: at ? () => at : undefined,
      replyDir,
      statusPort,
    });
    const addresses = configs.flatMap((c) => c.addresses);
    io.err(
      [
        `local SES listening on smtp://127.0.0.1:${server.smtpPort}; raw mail in ${mailDir}; alerts to ${values["oncall-url"] ? "the OnCall URL given" : "the built-in sink (printed below)"}`,
        `accepting: ${addresses.join(", ")}`,
        ...outsideWindowNotes(configs, at ?? new Date()),
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
