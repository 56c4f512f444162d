import { loadCanarySettings } from "../../../functions/canary/contract";
import { composeCanaryMail } from "../../../functions/canary/compose";
import { createCanaryHandler, type CanaryDeps } from "../../../functions/canary/handler";
import { CANARY_HEADER, verifyCanary } from "../../../functions/mail-to-alert/canary";
import { splitHeaderSection } from "../../../functions/mail-to-alert/headers";

const KEY = "q".repeat(48);
const ENV = {
  EVENT_SLUG: "black-friday-2026",
  CANARY_TO: "black-friday-2026@oncall.example.com, VIP@oncall.example.com",
  CANARY_FROM: "canary@oncall.example.com",
  CANARY_KEY_PARAMETER: "/email-to-oncall/black-friday-2026/canary-key",
  CANARY_ACTIVE_FROM: "2026-11-25T23:00:00.000Z",
  CANARY_ACTIVE_UNTIL: "2026-12-01T11:00:00.000Z",
  AWS_REGION: "eu-west-1",
};

function harness(now: string, over: Partial<CanaryDeps> = {}) {
  const sent: { from: string; to: string; raw: string }[] = [];
  const lines: string[] = [];
  let n = 0;
  const run = createCanaryHandler({
    settings: loadCanarySettings(ENV),
    key: async () => KEY,
    sender: { send: async (from, to, raw) => void sent.push({ from, to, raw }) },
    now: () => new Date(now),
    nonce: () => (n++).toString(16).padStart(32, "0"),
    log: (l) => lines.push(l),
    ...over,
  });
  return { run, sent, lines };
}

describe("canary function", () => {
  it("sends one signed mail per address inside the active period, each verifiable by the receiving side", async () => {
    const h = harness("2026-11-27T10:00:00Z");
    await expect(h.run()).resolves.toEqual({ idle: false, sent: ["black-friday-2026@oncall.example.com", "vip@oncall.example.com"] });
    expect(h.sent.map((s) => [s.from, s.to])).toEqual([
      ["canary@oncall.example.com", "black-friday-2026@oncall.example.com"],
      ["canary@oncall.example.com", "vip@oncall.example.com"],
    ]);
    for (const s of h.sent) {
      const headers = splitHeaderSection(Buffer.from(s.raw));
      const values = headers.filter((x) => x.name.toLowerCase() === CANARY_HEADER.toLowerCase()).map((x) => x.value);
      expect(verifyCanary({ headerValues: values, keys: [KEY], slug: "black-friday-2026", recipients: [s.to], receivedAt: new Date("2026-11-27T10:00:05Z") })).toMatchObject({ ok: true });
      expect(headers.find((x) => x.name === "Auto-Submitted")?.value).toBe("auto-generated");
    }
    // Fresh nonces: two canaries are never the same claim.
    expect(new Set(h.sent.map((s) => /n=([0-9a-f]+)/.exec(s.raw)![1])).size).toBe(2);
    expect(h.lines.filter((l) => l.includes('"CanarySent":1'))).toHaveLength(2);
    expect(h.lines.join("\n")).not.toContain(KEY);
  });

  it.each([["before the pre-flight starts", "2026-11-25T22:59:59Z"], ["after the window ends", "2026-12-01T11:00:00Z"]])("sends nothing %s and reports itself idle (the alarm stays quiet)", async (_when, now) => {
    const h = harness(now);
    await expect(h.run()).resolves.toEqual({ idle: true });
    expect(h.sent).toEqual([]);
    const emf = JSON.parse(h.lines.find((l) => l.includes('"CanaryIdle":1'))!);
    expect(emf._aws.CloudWatchMetrics[0]).toEqual({ Namespace: "EmailToOncall", Dimensions: [["Event"]], Metrics: [{ Name: "CanaryIdle", Unit: "Count" }] });
    expect(emf.Event).toBe("black-friday-2026");
  });

  it("fails the run when SES refuses, so Lambda retries (and the missing alarm speaks if it keeps failing)", async () => {
    const h = harness("2026-11-27T10:00:00Z", { sender: { send: async () => Promise.reject(new Error("MessageRejected: Email address is not verified")) } });
    await expect(h.run()).rejects.toThrow(/not verified/);
  });

  it.each([
    ["EVENT_SLUG", { EVENT_SLUG: undefined }, /EVENT_SLUG is not set/],
    ["CANARY_TO empty", { CANARY_TO: " , " }, /names no address/],
    ["a bad instant", { CANARY_ACTIVE_FROM: "soon" }, /CANARY_ACTIVE_FROM is not an ISO instant/],
  ])("refuses to start without %s", (_what, over, message) => {
    expect(() => loadCanarySettings({ ...ENV, ...over })).toThrow(message);
  });

  it("composes RFC 5322 with CRLF, a dated subject and a Message-ID on the mail domain", () => {
    const raw = composeCanaryMail({ slug: "s", from: "canary@oncall.example.com", to: "s@oncall.example.com", key: KEY, now: new Date("2026-11-27T10:00:00Z"), nonce: "a".repeat(32) });
    expect(raw).toMatch(/^From: email-to-oncall canary <canary@oncall\.example\.com>\r\n/);
    expect(raw).toContain("\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n");
    expect(raw).toContain(`\r\nMessage-ID: <canary.${"a".repeat(32)}.1795773600@oncall.example.com>\r\n`);
    expect(raw).toContain("\r\nSubject: [canary] email-to-oncall s 2026-11-27T10:00:00.000Z\r\n");
    expect(raw.split("\r\n\r\n")[0]).not.toMatch(/[^\r]\n/);
  });
});
