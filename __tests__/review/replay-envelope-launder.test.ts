import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { eventRuntimeConfigs } from "../../tools/lib/event-config";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { parseReplayArgs, replay } from "../../tools/replay";

/**
 * `npm run replay` rebuilds the SES event from the stored copy with sesReceive() and no mailFrom, so the
 * envelope sender becomes the first Return-Path header, else the FROM address (ses-stand-in.ts:109), not
 * the envelope SES recorded (envelope-from= in its own Received-SPF / spf clause). SPF alignment
 * (authentication.ts:318) then compares the From domain with itself. An outsider's spoof of a trusted
 * domain without DMARC, SPF-authenticated for the outsider's own envelope domain, is notify UNVERIFIED on
 * arrival and PAGES on replay. (The same holds for the receipt window: replay takes the sender's Date
 * header as SES's receipt time.) The stored copies here are exactly what `npm run local` writes; a real SES
 * S3 object starts with SES's own Return-Path, which hides this for S3 replays but not for --file /
 * --mail-dir copies without it, and the project's own SES model (FACTS.md, the corpus) has no Return-Path.
 */
const EVENTS = path.join(__dirname, "..", "..", "events");
const config = eventRuntimeConfigs(EVENTS).find((c) => c.slug === "black-friday-2026")!;
const SES_ID = "0000review0launder";

const spoof = Buffer.from(
  ["From: Acme CTO <cto@acme-shop.example>", "To: black-friday-2026@oncall.example.com", "Subject: Checkout down, call me", "Date: Fri, 27 Nov 2026 15:00:00 +0000", "Message-ID: <launder@mail.evil.example>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Switch off the fraud filter now.", ""].join("\r\n"),
);
// SES on arrival: SPF PASS for the outsider's own envelope domain, no DMARC record for acme (GRAY), no DKIM.
const arrival = sesReceive(spoof, { recipients: [config.addresses[0]!], mailFrom: "bounce@evil.example", messageId: SES_ID, verdicts: { spf: "PASS", dkim: "GRAY", dmarc: "GRAY" }, arrival: "fresh", timestamp: new Date("2026-11-27T15:00:00Z") });

describe("review: replay re-derives the envelope sender from the mail's own headers", () => {
  it("control: on arrival (the Lambda path) the spoof is only a notify (UNVERIFIED)", async () => {
    const handle = createHandler({ config, integrationUrl: async () => "http://x.invalid/", mailSource: { get: async () => arrival.stored }, poster: { post: async () => ({ status: 200, retryAfter: null }) }, log: jsonLogger(config.slug, () => undefined) });
    const outcome = await handle(arrival.event);
    expect({ action: outcome.action, reason: outcome.reason }).toEqual({ action: "notify", reason: "UNVERIFIED" });
  });

  // HOLE: replay of the same stored copy pages: SPF "aligned" because the envelope is taken from From.
  it("FIXED: replay of the stored copy decides as the arrival did (notify, not page)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-replay-"));
    try {
      fs.mkdirSync(path.join(dir, path.dirname(config.prefix + SES_ID)), { recursive: true });
      fs.writeFileSync(path.join(dir, config.prefix + SES_ID), arrival.stored);
      const [r] = await replay(parseReplayArgs(["--event", config.slug, "--message-id", SES_ID, "--mail-dir", dir, "--dry-run", "--config-dir", EVENTS]), { write: () => undefined });
      expect({ action: r!.outcome?.action, reason: r!.outcome?.reason }).toEqual({ action: "notify", reason: "UNVERIFIED" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
