import * as fs from "node:fs";
import { statusConfigOf } from "../../functions/oncall-status/contract";
import { statusRequestFor } from "../../functions/oncall-status/status-request";
import { CliIo, CONFIG_DIR_OPTION, runCommand, UsageError } from "./cli";
import { eventRuntimeConfigs, pickEvent } from "./event-config";
import { LOCAL_REPLY_KEY } from "./local-reply-key";
import { replyPreview } from "./preview-cli";

export const PREVIEW_STATUS_COMMAND = {
  command: "npm run preview-status --",
  summary:
    "The status mail the customer would get for a Grafana OnCall outgoing-webhook payload (acknowledge, resolve, unresolve),\n" +
    "or why none would be sent; the same code as the status function, sending nothing.",
  positionals: { usage: "<webhook.json>", min: 1, max: 1 },
  options: {
    event: { type: "string", value: "<slug>", description: "event whose config applies; default the alert_payload's event" },
    at: { type: "string", value: "<ISO time>", description: "the time the webhook arrives (for the replay check); default its event.time" },
    "config-dir": CONFIG_DIR_OPTION,
    json: { type: "boolean", description: "machine-readable output: event, status {to, cc, subject, headers, text} or null, reason" },
  },
} as const;

/** What `npm run preview-status` does; returns the exit code. */
export async function runPreviewStatus(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(PREVIEW_STATUS_COMMAND, argv, io, async ({ values, positionals }) => {
    let webhook: { event?: { time?: string }; alert_payload?: unknown };
    try {
      webhook = JSON.parse(fs.readFileSync(positionals[0]!, "utf8"));
    } catch (e) {
      io.err(`preview-status failed: ${positionals[0]} is not a JSON file (${(e as Error).message})\n`);
      return 1;
    }
    const at = values.at ? Date.parse(values.at) : Date.parse(webhook.event?.time ?? "") || Date.now();
    if (Number.isNaN(at)) throw new UsageError(`--at: not a date: ${values.at}`);
    try {
      const configs = eventRuntimeConfigs(values["config-dir"]);
      const payload = typeof webhook.alert_payload === "string" ? JSON.parse(webhook.alert_payload) : webhook.alert_payload;
      const slug = values.event ?? (payload as { event?: { slug?: string } } | undefined)?.event?.slug;
      const config = pickEvent(configs, slug && configs.some((c) => c.slug === slug) ? slug : values.event);
      const result = statusRequestFor(webhook, statusConfigOf(config), at, [LOCAL_REPLY_KEY]);
      const status = result.ok ? replyPreview(result.request) : null;
      if (values.json) {
        io.out(`${JSON.stringify({ event: config.slug, status, reason: result.ok ? "QUEUED" : result.reason, detail: result.ok ? undefined : result.detail }, null, 2)}\n`);
        return 0;
      }
      if (!status) {
        io.out(`event:  ${config.slug}\nstatus: none (${result.ok ? "" : `${result.reason}: ${result.detail}`})\n`);
        return 0;
      }
      io.out(`event:  ${config.slug}\nstatus: ${status.kind} to ${status.to}${status.cc.length ? ` (cc ${status.cc.join(", ")})` : ""}\n`);
      io.out(`${Object.entries({ Subject: status.subject, ...status.headers }).map(([k, v]) => `  ${k}: ${v}`).join("\n")}\n\n${status.text.split("\n").map((l) => `  | ${l}`.trimEnd()).join("\n")}\n`);
      return 0;
    } catch (e) {
      io.err(`preview-status failed: ${(e as Error).message}\n`);
      return 1;
    }
  });
}
