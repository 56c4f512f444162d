import { dryRun } from "../../tools/lib/dry-run";
import { withConfig, testConfig } from "../functions/support/config";

/**
 * relay.ts listPostAddress() runs decodeURIComponent() on the sender's List-Post value. A malformed
 * percent escape throws URIError. relayOf() is called by decide() and by the handler's screenFinal
 * expression for EVERY mail once a relay is declared (the shipped example event declares one), even
 * for SPAM/VIRUS drops (screenFinal calls relayOf after the verdict drop). A throw is a Lambda retry
 * (x2) then the dead-letter queue and its alarm: any outsider, unauthenticated, can fill the DLQ.
 */
const relayConfig = withConfig({ trustedSenders: { ...testConfig.trustedSenders, relays: [{ address: "emergency@platform.example", sealer: "google.com" }] } });

const mail = (listPost: string) =>
  Buffer.from(
    [
      "From: Stranger <someone@evil.example>",
      "To: black-friday-2026@oncall.example.com",
      "Subject: hello",
      "Date: Fri, 27 Nov 2026 15:00:00 +0000",
      "Message-ID: <uri@evil.example>",
      `List-Post: ${listPost}`,
      "",
      "body",
      "",
    ].join("\r\n"),
  );

describe("review: List-Post percent-decoding", () => {
  it("control: a well-formed List-Post of a stranger is an ordinary drop", async () => {
    const r = await dryRun(mail("<mailto:list@evil.example>"), relayConfig, { mailFrom: "someone@evil.example", timestamp: new Date("2026-11-27T15:00:00Z") });
    expect(r.outcome).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  // HOLE: decodeURIComponent("%E0%A4%A") throws URIError out of relayOf(): the handler throws (retry, DLQ, alarm).
  it("FIXED: a malformed percent escape in List-Post is a drop, not a throw", async () => {
    await expect(dryRun(mail("<mailto:%E0%A4%A@evil.example>"), relayConfig, { mailFrom: "someone@evil.example", timestamp: new Date("2026-11-27T15:00:00Z") })).resolves.toMatchObject({ outcome: { action: "drop" } });
  });

  // HOLE: even a mail SES already marked as spam throws: screenFinal evaluates relayOf() after the SPAM drop.
  it("FIXED: a spam-FAIL mail with a malformed List-Post is still dropped as SPAM", async () => {
    await expect(dryRun(mail("<mailto:%ZZ@evil.example>"), relayConfig, { mailFrom: "someone@evil.example", verdicts: { spam: "FAIL" }, timestamp: new Date("2026-11-27T15:00:00Z") })).resolves.toMatchObject({ outcome: { action: "drop", reason: "SPAM" } });
  });
});
