import { mailauthArcVerifier, type DnsResolver } from "../../functions/mail-to-alert/arc-verifier";
import type { ArcVerifier } from "../../functions/mail-to-alert/relay";
import { dryRun } from "../../tools/lib/dry-run";
import { testConfig, withConfig } from "../functions/support/config";

/**
 * A stranger, authenticated by SES for their OWN domain, names the declared relay in List-Post.
 * decide() treats this as direct mail (list-post relay + auth.verified -> no ARC needed) and drops it
 * SENDER_NOT_TRUSTED, but handler.ts fetches the body and runs ARC verification anyway
 * (`if (relayOf(facts, ...))`, line 134). The stranger adds a junk ARC set whose d= is their own
 * domain and lets their name server time out: mailauth records a transient lookup, arc-verifier.ts
 * throws ArcTransientError, the handler throws: Lambda retries twice, then the DLQ and its alarm.
 * Every such mail does it; nothing is authenticated by anyone.
 */
const relayConfig = withConfig({ trustedSenders: { ...testConfig.trustedSenders, relays: [{ address: "emergency@platform.example", sealer: "google.com" }] } });
const AT = new Date("2026-11-27T15:00:00Z");

const stranger = (withArc: boolean) =>
  Buffer.from(
    [
      ...(withArc
        ? [
            "ARC-Seal: i=1; a=rsa-sha256; t=1795791600; cv=none; d=evil.example; s=slow; b=AAAA",
            "ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=evil.example; s=slow; h=from:to:subject; bh=AAAA; b=AAAA",
            "ARC-Authentication-Results: i=1; mx.evil.example; dmarc=pass header.from=evil.example",
          ]
        : []),
      "From: Stranger <someone@evil.example>",
      "To: black-friday-2026@oncall.example.com",
      "Subject: hello",
      "Date: Fri, 27 Nov 2026 15:00:00 +0000",
      "Message-ID: <arc-dos@evil.example>",
      "List-Post: <mailto:emergency@platform.example>",
      "",
      "body",
      "",
    ].join("\r\n"),
  );

/** The attacker's name server never answers (deterministic: no network). */
const timingOut: DnsResolver = async (name) => {
  throw Object.assign(new Error(`queryTxt ETIMEOUT ${name}`), { code: "ETIMEOUT" });
};

describe("review: ARC verification forced by a stranger", () => {
  // HOLE: the ARC verifier (DNS, ~1 MB of mailauth) runs for a stranger whose mail decide() settles without ARC.
  it("FIXED: a stranger SES authenticated for their own domain is never ARC-verified", async () => {
    let calls = 0;
    const counting: ArcVerifier = { verify: async () => (calls++, { status: "none", detail: "counted" }) };
    const r = await dryRun(stranger(false), relayConfig, { mailFrom: "someone@evil.example", timestamp: AT, arcVerifier: counting });
    expect(r.outcome).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
    expect(calls).toBe(0);
  });

  // HOLE: the stranger's own DNS timing out makes the handler throw (retry x2, DLQ, alarm) instead of dropping.
  it("FIXED: a stranger's junk ARC set with a timing-out d= domain is a drop, not a throw", async () => {
    await expect(dryRun(stranger(true), relayConfig, { mailFrom: "someone@evil.example", timestamp: AT, arcVerifier: mailauthArcVerifier(timingOut) })).resolves.toMatchObject({
      outcome: { action: "drop", reason: "SENDER_NOT_TRUSTED" },
    });
  });
});
