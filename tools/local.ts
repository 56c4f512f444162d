import * as path from "node:path";
import { eventRuntimeConfigs } from "./lib/event-config";
import { startLocal } from "./lib/local-server";
import { parseVerdicts } from "./lib/preview-cli";

/**
 * npm run local: SES on your machine. Environment: ONCALL_URL (post there; default a built-in sink
 * that prints alerts), LOCAL_SMTP_PORT (2525), LOCAL_MAIL_DIR (.build/local-mail, git-ignored), LOCAL_VERDICTS
 * (e.g. "all=PASS,dmarc=GRAY"), EVENTS_DIR (events).
 */
async function main(): Promise<void> {
  const configs = eventRuntimeConfigs(process.env.EVENTS_DIR ?? "events");
  const mailDir = path.resolve(process.env.LOCAL_MAIL_DIR ?? ".build/local-mail");
  const server = await startLocal({
    configs,
    mailDir,
    oncallUrl: process.env.ONCALL_URL || undefined,
    smtpPort: Number(process.env.LOCAL_SMTP_PORT ?? 2525),
    verdicts: parseVerdicts(process.env.LOCAL_VERDICTS),
  });
  const addresses = configs.flatMap((c) => c.addresses);
  process.stderr.write(
    `local SES listening on smtp://127.0.0.1:${server.smtpPort}; raw mail in ${mailDir}; alerts to ${process.env.ONCALL_URL ? "ONCALL_URL" : "the built-in sink (printed below)"}\n` +
      `accepting: ${addresses.join(", ")}\n` +
      `try: swaks --server 127.0.0.1:${server.smtpPort} --from ${configs[0]?.trustedSenders.addresses[0] ?? "you@example.com"} --to ${addresses[0]} --header "Subject: Checkout is down" --body "Test page"\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`local failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
