import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { CANARY_HEADER, signCanary } from "../../functions/mail-to-alert/canary";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { testConfig, withConfig } from "../functions/support/config";

// HOLE (found in review): the canary header was recognised before any other decision, for any sender.
// A trusted customer's authenticated mail that carries the header (a gateway or script that copies
// headers, a redirected mail, someone who wants it hidden) was dropped as CANARY_REJECTED (forged
// signature) or, with a captured fresh canary header pasted in, silently counted as a canary: the
// page never happened. A customer cannot sign, so the header must not change what their mail does.
const KEY = "k".repeat(48);
const TO = testConfig.addresses[0]!;
const AT = new Date("2026-11-27T10:00:00Z");
const t = Math.floor(AT.getTime() / 1000);

function harness(config = testConfig) {
  const posted: AlertPayload[] = [];
  const lines: string[] = [];
  const stored = new Map<string, Uint8Array>();
  const handle = createHandler({
    config,
    integrationUrl: async () => "https://oncall.example/integrations/v1/webhook/TOKEN123/",
    mailSource: { get: async (key) => stored.get(key)! },
    poster: { post: async (_u, p) => (posted.push(p), { status: 200, retryAfter: null }) },
    log: jsonLogger(config.slug, (l) => lines.push(l)),
    sleep: async () => undefined,
    canaryKeys: async () => [KEY],
  });
  const receive = (raw: string, messageId: string) => {
    const a = sesReceive(Buffer.from(raw), { recipients: [TO], messageId, arrival: "fresh", timestamp: new Date(AT.getTime() + 3000) });
    stored.set(config.prefix + messageId, a.stored);
    return handle(a.event);
  };
  return { receive, posted, lines };
}

const customerMail = (header: string, from = "CTO <cto@acme-shop.example>") =>
  `${CANARY_HEADER}: ${header}\r\nFrom: ${from}\r\nTo: ${TO}\r\nSubject: checkout is down\r\nDate: ${AT.toUTCString()}\r\nMessage-ID: <down.1@acme-shop.example>\r\n\r\nPlease call us, nobody can pay.\r\n`;

describe("review: a canary header cannot swallow a trusted sender's page", () => {
  it("FIXED: a trusted, authenticated mail with a forged canary header pages", async () => {
    const h = harness();
    const forged = signCanary("z".repeat(40), { event: testConfig.slug, to: TO, t, nonce: "cd".repeat(16) });
    await expect(h.receive(customerMail(forged), "ses-forged-on-page")).resolves.toMatchObject({ action: "page", reason: "TRUSTED_SENDER" });
    expect(h.posted).toHaveLength(1);
    // Still visible: someone put the canary header on a customer's mail.
    expect(h.lines.some((l) => l.includes('"CanaryRejected":1'))).toBe(true);
  });

  it("FIXED: a trusted, authenticated mail with a captured valid canary header pages (it is not counted as the canary)", async () => {
    const h = harness();
    const captured = signCanary(KEY, { event: testConfig.slug, to: TO, t, nonce: "ef".repeat(16) });
    await expect(h.receive(customerMail(captured), "ses-captured-on-page")).resolves.toMatchObject({ action: "page" });
    expect(h.posted).toHaveLength(1);
    expect(h.lines.some((l) => l.includes('"CanaryReceived":1'))).toBe(false);
  });

  it("FIXED: through a declared relay too (its From is the relay, not the customer)", async () => {
    const config = withConfig({ trustedSenders: { ...testConfig.trustedSenders, relays: [{ address: "support@groups.acme-shop.example", sealer: "google.com" }] } });
    const h = harness(config);
    const forged = signCanary("z".repeat(40), { event: testConfig.slug, to: TO, t, nonce: "aa".repeat(16) });
    const outcome = await h.receive(customerMail(forged, "Support <support@groups.acme-shop.example>"), "ses-relay-forged");
    // Decided by the relay rules (here: no ARC seal, so not validated), not swallowed as a canary.
    expect(outcome).not.toMatchObject({ reason: "CANARY_REJECTED" });
    expect(outcome.action).not.toBe("canary");
  });

  it("a stranger's mail with a forged canary header is still dropped as CANARY_REJECTED, never paged", async () => {
    const h = harness();
    const forged = signCanary("z".repeat(40), { event: testConfig.slug, to: TO, t, nonce: "bb".repeat(16) });
    await expect(h.receive(customerMail(forged, "Mallory <m@evil.example>"), "ses-stranger-forged")).resolves.toMatchObject({ action: "drop", reason: "CANARY_REJECTED" });
    expect(h.posted).toEqual([]);
  });
});
