import * as fs from "node:fs";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { CliIo, CONFIG_DIR_OPTION, runCommand, UsageError } from "./cli";
import { dryRun } from "./dry-run";
import { eventRuntimeConfigs, pickEvent } from "./event-config";
import { recipientsOf } from "./mail-recipients";
import { responderView } from "./responder-view";
import { parseVerdicts } from "./verdict-spec";
import { renderReply } from "../../functions/mail-to-alert/reply/render-reply";
import type { ReplyRequest } from "../../functions/reply-sender/contract";

/** The reply as the customer would get it: `{to, cc, subject, headers, text}` (null: no reply). */
export function replyPreview(request: ReplyRequest | undefined) {
  if (!request) return null;
  const r = renderReply(request);
  return { kind: request.kind, from: r.from, to: r.to, cc: r.cc, subject: r.subject, headers: r.headers, text: r.text };
}

export const PREVIEW_COMMAND = {
  command: "npm run preview --",
  summary:
    "The decision for a raw mail, what the responder sees (title, spoken phone/SMS text, mobile/Slack message, rendered with the\n" +
    "integration's own OnCall templates) and the exact alert JSON; sends nothing and needs no AWS.",
  positionals: { usage: "<mail.eml>", min: 1, max: 1 },
  options: {
    event: { type: "string", value: "<slug>", description: "event to judge the mail for; default: the event owning its recipient (--to, else To/Cc)" },
    verdicts: { type: "string", value: "<spec>", description: "SES verdicts, e.g. all=PASS,dmarc=GRAY (names spf dkim dmarc spam virus all); default all PASS" },
    at: { type: "string", value: "<ISO time>", description: "receipt time; default the mail's Date header" },
    "mail-from": { type: "string", value: "<address>", description: "envelope sender; default Return-Path, else From" },
    to: { type: "string", value: "<address>", description: "envelope recipient; default the event's addresses among To/Cc, else its first address" },
    "config-dir": CONFIG_DIR_OPTION,
    json: { type: "boolean", description: "machine-readable output: event, decision, payload, responder view" },
  },
} as const;

const indent = (text: string, prefix: string) =>
  text
    .split("\n")
    .map((l) => `${prefix}${l}`.trimEnd())
    .join("\n");

function responderText(payload: AlertPayload): string {
  const v = responderView(payload);
  return [
    "what the responder sees (the integration's OnCall templates, lib/oncall/templates.ts):",
    `  title (web, e-mail, mobile app, Slack):\n${indent(v.title, "    ")}`,
    `  phone call says:\n${indent(v.phoneCall, "    ")}`,
    ...(v.sms === v.phoneCall ? [] : [`  SMS:\n${indent(v.sms, "    ")}`]),
    `  mobile app / Slack message:\n${indent(v.mobileMessage, "    | ")}`,
    `  alert group: ${v.groupingKey}${v.resolves ? " (this mail RESOLVES it)" : ""}`,
    "",
  ].join("\n");
}

/** What `npm run preview` does; returns the exit code. Writes nothing anywhere and sends nothing. */
export async function runPreview(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(PREVIEW_COMMAND, argv, io, async ({ values, positionals }) => {
    const write = io.out;
    const at = values.at ? new Date(values.at) : undefined;
    if (at && Number.isNaN(at.getTime())) throw new UsageError(`--at: not a date: ${values.at}`);
    try {
      const verdicts = parseVerdicts(values.verdicts);
      const raw = fs.readFileSync(positionals[0]!);
      const configs = eventRuntimeConfigs(values["config-dir"]);
      const recipients = await recipientsOf(raw, values.to);
      const config = pickEvent(configs, values.event, recipients);
      // The envelope SES would have built: the --to given, else the event's own addresses among To/Cc.
      const own = recipients.addresses.filter((a) => config.addresses.includes(a));
      const envelope = values.to ? [values.to.toLowerCase()] : own.length ? own : undefined;
      const r = await dryRun(raw, config, { verdicts, timestamp: at, mailFrom: values["mail-from"], recipients: envelope });
      if (values.json) {
        write(`${JSON.stringify({ event: config.slug, decision: r.outcome, payload: r.payload ?? null, responder: r.payload ? responderView(r.payload) : null, reply: replyPreview(r.reply) }, null, 2)}\n`);
        return 0;
      }
      write(`event:    ${config.slug} (${config.title}, ${config.customer})${values.event ? "" : configs.length > 1 ? `, chosen by the ${recipients.source}` : ""}\n`);
      write(`decision: ${r.outcome.action.toUpperCase()} (${r.outcome.reason}): ${r.outcome.detail}\n`);
      if (r.payload) {
        const c = r.payload.customer;
        if (config.customers?.length) write(`customer: ${c ? `${c.name} (${c.slug}, tier ${c.tier})` : "none recognised (one of the event's own senders)"}\n`);
        write(`markers:  ${r.payload.markers.length ? r.payload.markers.join(", ") : "none"}\n\n`);
        write(responderText(r.payload));
        write(`\npayload that would be POSTed to the OnCall integration:\n${JSON.stringify(r.payload, null, 2)}\n`);
      }
      const reply = replyPreview(r.reply);
      // Drops other than outside the window log no reply decision: they never get one.
      const replyLog = r.logs.find((l) => l.message === "no reply" || l.message === "reply queued") ?? (r.outcome.action === "drop" ? { replyReason: "NO_REPLY_DROPPED", detail: "the mail was dropped: no reply, no backscatter" } : undefined);
      write(`\nreply:    ${reply ? `${String(replyLog?.replyReason ?? reply.kind)} to ${reply.to}${reply.cc.length ? ` (cc ${reply.cc.join(", ")})` : ""}` : `none${replyLog ? ` (${String(replyLog.replyReason)}: ${String(replyLog.detail)})` : ""}`}\n`);
      if (reply) write(`${Object.entries({ Subject: reply.subject, ...reply.headers }).map(([k, v]) => `  ${k}: ${v}`).join("\n")}\n\n${indent(reply.text, "  | ")}\n`);
      return 0;
    } catch (e) {
      io.err(`preview failed: ${(e as Error).message}\n`);
      return 1;
    }
  });
}
