import { simpleParser } from "mailparser";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { testConfig } from "../../__tests__/functions/support/config";
import { syntheticMail } from "./mails";

/**
 * Runs in its own process so max RSS belongs to one parse of one mail: `handler` (the function,
 * postal-mime) or `mailparser` (simpleParser on the same bytes). Prints JSON.
 */
async function main(): Promise<void> {
  const [which, mb] = [process.argv[2], Number(process.argv[3] ?? 40)];
  const raw = syntheticMail(mb * 1024 * 1024);
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  if (which === "mailparser") {
    const parsed = await simpleParser(raw);
    if (!parsed.text) throw new Error("mailparser found no text");
  } else {
    let posted: AlertPayload | undefined;
    const { event, stored } = sesReceive(raw, { recipients: testConfig.addresses, timestamp: new Date("2026-11-27T15:00:00Z") });
    const handle = createHandler({
      config: testConfig,
      integrationUrl: async () => "http://stub.invalid/",
      mailSource: { get: async () => stored },
      poster: { post: async (_u, p) => ((posted = p), { status: 200, retryAfter: null }) },
      log: { info() {}, warn() {}, error() {}, count() {} },
    });
    await handle(event);
    if (!posted) throw new Error("handler did not page");
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ which, mb, ms, rssBeforeMb: before / 1048576, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

void main();
