import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { signCanary } from "../../functions/mail-to-alert/canary";
import { createHandler, HandlerDeps } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { composeCanaryMail } from "../../functions/canary/compose";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { testConfig } from "./support/config";

const KEY = "c".repeat(48);
const TO = testConfig.addresses[0]!;
const AT = new Date("2026-11-27T10:00:00Z");
const canaryMail = (over: { key?: string; nonce?: string; now?: Date; from?: string } = {}) =>
  Buffer.from(composeCanaryMail({ slug: testConfig.slug, from: over.from ?? "canary@oncall.example.com", to: TO, key: over.key ?? KEY, now: over.now ?? AT, nonce: over.nonce ?? "ab".repeat(16) }));

function harness(over: Partial<HandlerDeps> = {}) {
  const posted: AlertPayload[] = [];
  const lines: string[] = [];
  const reads: string[] = [];
  const keyReads: boolean[] = [];
  const stored = new Map<string, Uint8Array>();
  const handle = createHandler({
    config: testConfig,
    integrationUrl: async () => "https://oncall.example/integrations/v1/webhook/TOKEN123/",
    mailSource: { get: async (key) => (reads.push(key), stored.get(key)!) },
    poster: { post: async (_u, p) => (posted.push(p), { status: 200, retryAfter: null }) },
    log: jsonLogger(testConfig.slug, (l) => lines.push(l)),
    sleep: async () => undefined,
    canaryKeys: async (refresh) => (keyReads.push(refresh), [KEY]),
    ...over,
  });
  const receive = (raw: Uint8Array, messageId: string, timestamp = new Date(AT.getTime() + 4000)) => {
    const a = sesReceive(raw, { recipients: [TO], messageId, arrival: "fresh", timestamp });
    stored.set(testConfig.prefix + messageId, a.stored);
    return handle(a.event);
  };
  const metric = (name: string) => lines.filter((l) => l.includes(`"${name}":1`)).length;
  return { receive, handle, posted, lines, reads, keyReads, metric };
}

describe("handler: the canary", () => {
  it("counts a valid canary, pages nothing and never reads the raw mail", async () => {
    const h = harness();
    await expect(h.receive(canaryMail(), "ses-canary-1")).resolves.toMatchObject({ action: "canary", reason: "CANARY_RECEIVED", ageSeconds: 4 });
    expect(h.posted).toEqual([]);
    expect(h.reads).toEqual([]);
    expect(h.metric("CanaryReceived")).toBe(1);
    expect(h.metric("MailsDropped")).toBe(0);
    // One line, two aggregations: per event and per address (each address's missing alarm reads the latter).
    const emf = JSON.parse(h.lines.find((l) => l.includes('"CanaryReceived":1'))!);
    expect(emf._aws.CloudWatchMetrics[0].Dimensions).toEqual([["Event"], ["Event", "Address"]]);
    expect(emf.Address).toBe(TO);
  });

  it("drops and counts a forged canary (signed with another key), never paging", async () => {
    const h = harness();
    await expect(h.receive(canaryMail({ key: "x".repeat(48) }), "ses-forged")).resolves.toMatchObject({ action: "drop", reason: "CANARY_REJECTED", detail: expect.stringMatching(/^FORGED/) });
    expect(h.posted).toEqual([]);
    expect(h.metric("CanaryRejected")).toBe(1);
    expect(h.lines.some((l) => l.includes('"Reason":"CANARY_REJECTED"'))).toBe(true);
    // It re-read the key once before refusing (a rotation must not drop a good canary).
    expect(h.keyReads).toEqual([false, true]);
  });

  it("drops a captured canary replayed later (stale) and one replayed within minutes in another SES message", async () => {
    const h = harness();
    await expect(h.receive(canaryMail(), "ses-old", new Date(AT.getTime() + 3600_000))).resolves.toMatchObject({ action: "drop", reason: "CANARY_REJECTED", detail: expect.stringMatching(/^STALE/) });
    await expect(h.receive(canaryMail(), "ses-first")).resolves.toMatchObject({ action: "canary" });
    await expect(h.receive(canaryMail(), "ses-replay")).resolves.toMatchObject({ action: "drop", reason: "CANARY_REJECTED", detail: expect.stringMatching(/nonce already received in SES message ses-first/) });
    expect(h.metric("CanaryRejected")).toBe(2);
  });

  it("counts a Lambda retry of the same SES event again (the same message is not a replay)", async () => {
    const h = harness();
    await expect(h.receive(canaryMail(), "ses-retried")).resolves.toMatchObject({ action: "canary" });
    await expect(h.receive(canaryMail(), "ses-retried")).resolves.toMatchObject({ action: "canary" });
  });

  it("accepts the new key after a rotation: the warm function re-reads it", async () => {
    let key = "old-".padEnd(48, "o");
    const h = harness({ canaryKeys: async (refresh) => (refresh ? (key = KEY) : undefined, [key]) });
    await expect(h.receive(canaryMail(), "ses-rotated")).resolves.toMatchObject({ action: "canary" });
  });

  it("a trusted sender's mail carrying a forged canary header is decided like any other (pages), the header counted as rejected", async () => {
    const h = harness();
    const forged = `X-Email-To-Oncall-Canary: ${signCanary("z".repeat(40), { event: testConfig.slug, to: TO, t: AT.getTime() / 1000, nonce: "cd".repeat(16) })}\r\nFrom: CTO <cto@acme-shop.example>\r\nTo: ${TO}\r\nSubject: down\r\n\r\nhelp\r\n`;
    await expect(h.receive(Buffer.from(forged), "ses-trusted-forged")).resolves.toMatchObject({ action: "page", reason: "TRUSTED_SENDER" });
    expect(h.metric("CanaryRejected")).toBe(1);
    expect(h.metric("TrustedMailDropped")).toBe(0);
  });

  it("without a canary key the header means nothing: the mail is decided like any other (automated, a stranger) and never pages", async () => {
    const h = harness({ canaryKeys: undefined });
    await expect(h.receive(canaryMail(), "ses-nokey")).resolves.toMatchObject({ action: "drop", reason: "AUTOMATED" });
    expect(h.posted).toEqual([]);
  });

  it("throws when the key cannot be read, so Lambda retries", async () => {
    const h = harness({ canaryKeys: async () => Promise.reject(new Error("ParameterNotFound")) });
    await expect(h.receive(canaryMail(), "ses-nokey-read")).rejects.toThrow("ParameterNotFound");
    expect(h.lines.some((l) => l.includes("canary key could not be read"))).toBe(true);
    expect(h.lines.join("\n")).not.toContain(KEY);
  });

  it("never logs the key", async () => {
    const h = harness();
    await h.receive(canaryMail(), "ses-log-1");
    await h.receive(canaryMail({ key: "y".repeat(48) }), "ses-log-2");
    expect(h.lines.join("\n")).not.toContain(KEY);
  });

  it("pings the OnCall heartbeat on a valid canary only, and a failed ping still counts the canary", async () => {
    let pings = 0;
    const h = harness({ heartbeat: async () => void pings++ });
    await h.receive(canaryMail(), "ses-hb-1");
    await h.receive(canaryMail({ key: "w".repeat(48) }), "ses-hb-forged");
    expect(pings).toBe(1);
    const failing = harness({ heartbeat: async () => Promise.reject(new Error("OnCall heartbeat answered 503")) });
    await expect(failing.receive(canaryMail(), "ses-hb-2")).resolves.toMatchObject({ action: "canary" });
    expect(failing.metric("HeartbeatFailures")).toBe(1);
    expect(failing.metric("CanaryReceived")).toBe(1);
  });

  it("re-reads the key at most once a minute, however many forged canaries arrive (no SSM flood)", async () => {
    let t = 1_000_000;
    const h = harness({ now: () => t });
    for (let i = 0; i < 50; i++) await h.receive(canaryMail({ key: "f".repeat(48), nonce: i.toString(16).padStart(32, "0") }), `ses-flood-${i}`);
    expect(h.keyReads.filter((r) => r)).toHaveLength(1);
    t += 60_000;
    await h.receive(canaryMail({ key: "f".repeat(48) }), "ses-flood-late");
    expect(h.keyReads.filter((r) => r)).toHaveLength(2);
    expect(h.metric("CanaryRejected")).toBe(51);
  });
});
