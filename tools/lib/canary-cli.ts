import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { loadConfig } from "../../config/load";
import { sesRawSender, ssmSecret } from "../../functions/canary/aws";
import { composeCanaryMail } from "../../functions/canary/compose";
import type { RawMailSender } from "../../functions/canary/handler";
import { eventNames } from "../../stacks/naming";
import { CliIo, CONFIG_DIR_OPTION, runCommand, UsageError } from "./cli";
import { LOCAL_CANARY_KEY, LOCAL_CANARY_KEY_ENV } from "./local-canary-key";

export const CANARY_COMMAND = {
  command: "npm run canary --",
  summary:
    "Sends one signed canary to each address of an event, now: through SES with your AWS credentials (key read from the event's SSM parameter), or with --smtp to `npm run local` (local key). The function counts it instead of paging.",
  options: {
    "config-dir": CONFIG_DIR_OPTION,
    event: { type: "string", value: "<slug>", description: "the event (needed when several are configured)" },
    smtp: { type: "string", value: "<host:port>", description: "send to this SMTP server on 127.0.0.1 or ::1 (npm run local) instead of SES" },
    at: { type: "string", value: "<ISO time>", description: "sign as of this time (match `npm run local -- --at`); default now" },
    "dry-run": { type: "boolean", description: "print the signed mail(s) instead of sending (signed with the local key unless LOCAL_CANARY_KEY is set)" },
  },
  notes: [
    `Local key: ${LOCAL_CANARY_KEY_ENV} (default: the built-in local key, which npm run local also uses).`,
    "Through SES the account must allow ses:SendRawEmail as canary@<mail domain> and ssm:GetParameter on /<namePrefix>/<slug>/canary-key.",
  ],
} as const;

export interface CanaryCliDeps {
  /** SES and SSM stand-ins for tests; default the AWS SDK with the environment's credentials. */
  readonly ses?: (region: string) => RawMailSender;
  readonly key?: (parameter: string, region: string) => Promise<string>;
  readonly nonce?: () => string;
}

/** host:port on the loopback only: the canary CLI never sends SMTP anywhere else. */
function loopback(spec: string): { host: string; port: number } {
  const m = /^(127\.0\.0\.1|localhost|\[::1\]|::1):(\d{1,5})$/.exec(spec);
  if (!m) throw new UsageError(`--smtp: must be 127.0.0.1:<port> or [::1]:<port> (npm run local), got ${spec}`);
  return { host: m[1]!.replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}

function smtpSender(host: string, port: number): RawMailSender {
  const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true });
  return { send: async (from, to, raw) => void (await transport.sendMail({ envelope: { from, to: [to] }, raw })) };
}

export async function runCanary(argv: readonly string[], io: CliIo, deps: CanaryCliDeps = {}): Promise<number> {
  return runCommand(CANARY_COMMAND, argv, io, async ({ values }) => {
    const { foundation, events } = loadConfig(values["config-dir"]);
    const list = events.map((e) => e.slug).join(", ");
    const event = values.event ? events.find((e) => e.slug === values.event) : events.length === 1 ? events[0] : undefined;
    if (!event) throw new UsageError(values.event ? `--event: no event "${values.event}"; configured: ${list}` : `several events are configured; choose one with --event (${list})`);
    const now = values.at ? new Date(values.at) : new Date();
    if (Number.isNaN(now.getTime())) throw new UsageError(`--at: not a date: ${values.at}`);
    const from = `${event.canary.from}@${foundation.mailDomain}`;
    const nonce = deps.nonce ?? (() => randomBytes(16).toString("hex"));
    const localKey = io.env?.[LOCAL_CANARY_KEY_ENV] || LOCAL_CANARY_KEY;

    let key: string;
    let sender: RawMailSender | undefined;
    let via: string;
    if (values["dry-run"]) {
      key = localKey;
      via = "nowhere (dry run)";
    } else if (values.smtp) {
      const { host, port } = loopback(values.smtp);
      key = localKey;
      sender = smtpSender(host, port);
      via = `smtp://${values.smtp}`;
    } else {
      const parameter = eventNames(foundation, event.slug).canaryKeyParameter;
      key = await (deps.key ?? ((p, r) => ssmSecret(p, r)()))(parameter, foundation.region);
      sender = (deps.ses ?? ((r) => sesRawSender(r)))(foundation.region);
      via = `SES in ${foundation.region}`;
    }
    for (const to of event.addresses) {
      const raw = composeCanaryMail({ slug: event.slug, from, to, key, now, nonce: nonce() });
      if (!sender) {
        io.out(`${raw}\r\n`);
        continue;
      }
      await sender.send(from, to, raw);
      io.out(`${JSON.stringify({ event: event.slug, to, from, via, at: now.toISOString() })}\n`);
    }
    if (!event.canary.enabled) io.err(`note: ${event.slug} has canary.enabled: false; a deployed function without a canary key treats this mail like any other (dropped, never paged)\n`);
    return 0;
  });
}
