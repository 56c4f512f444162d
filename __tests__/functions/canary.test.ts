import { CANARY_MAX_AGE_SECONDS, canaryHeaderValues, signCanary, verifyCanary, type CanaryCheck } from "../../functions/mail-to-alert/canary";

const KEY = "k".repeat(40);
const OLD_KEY = "o".repeat(40);
const T = 1_795_000_000; // 2026-11-18
const NONCE = "0123456789abcdef0123456789abcdef";
const header = (over: Partial<{ event: string; to: string; t: number; nonce: string }> = {}, key = KEY) =>
  signCanary(key, { event: "black-friday-2026", to: "black-friday-2026@oncall.example.com", t: T, nonce: NONCE, ...over });
const check = (values: string[], over: Partial<CanaryCheck> = {}) =>
  verifyCanary({ headerValues: values, keys: [KEY], slug: "black-friday-2026", recipients: ["black-friday-2026@oncall.example.com"], receivedAt: new Date((T + 3) * 1000), ...over });

describe("canary signature", () => {
  it("accepts its own signature for this event and address, with its age", () => {
    expect(check([header()])).toEqual({ ok: true, ageSeconds: 3, claim: { event: "black-friday-2026", to: "black-friday-2026@oncall.example.com", t: T, nonce: NONCE } });
  });

  it("reads the address case-insensitively (SES lower-cases recipients)", () => {
    expect(check([header({ to: "Black-Friday-2026@OnCall.Example.com" })]).ok).toBe(true);
  });

  it("accepts the previous key during a rotation, and refuses a key it does not hold", () => {
    expect(check([header({}, OLD_KEY)], { keys: [KEY, OLD_KEY] }).ok).toBe(true);
    expect(check([header({}, OLD_KEY)])).toMatchObject({ ok: false, reason: "FORGED" });
  });

  it.each([
    ["the address", (h: string) => h.replace("to=black-friday-2026@", "to=cyber-monday-2026@")],
    ["the event", (h: string) => h.replace("event=black-friday-2026", "event=black-friday-2027")],
    ["the time", (h: string) => h.replace(`t=${T}`, `t=${T + 60}`)],
    ["the nonce", (h: string) => h.replace(NONCE, "f".repeat(32))],
    ["the signature", (h: string) => h.replace(/sig=(.)/, (_m, c: string) => `sig=${c === "A" ? "B" : "A"}`)],
  ])("refuses a claim whose %s was changed after signing (FORGED)", (_what, tamper) => {
    expect(check([tamper(header())])).toMatchObject({ ok: false, reason: "FORGED" });
  });

  it("refuses a valid signature for another event or another address (WRONG_EVENT)", () => {
    expect(check([header({ event: "cyber-monday-2026" })], { slug: "black-friday-2026" })).toMatchObject({ ok: false, reason: "WRONG_EVENT" });
    expect(check([header()], { recipients: ["other@oncall.example.com"] })).toMatchObject({ ok: false, reason: "WRONG_EVENT", detail: expect.stringMatching(/delivered to other@/) });
  });

  it("refuses an old canary replayed later (STALE), at the edge exactly", () => {
    expect(check([header()], { receivedAt: new Date((T + CANARY_MAX_AGE_SECONDS) * 1000) }).ok).toBe(true);
    expect(check([header()], { receivedAt: new Date((T + CANARY_MAX_AGE_SECONDS + 1) * 1000) })).toMatchObject({ ok: false, reason: "STALE" });
    expect(check([header()], { receivedAt: new Date((T + 86400 * 30) * 1000) })).toMatchObject({ ok: false, reason: "STALE" });
  });

  it("tolerates five minutes of clock skew, not more (FROM_FUTURE)", () => {
    expect(check([header()], { receivedAt: new Date((T - 300) * 1000) })).toMatchObject({ ok: true, ageSeconds: 0 });
    expect(check([header()], { receivedAt: new Date((T - 301) * 1000) })).toMatchObject({ ok: false, reason: "FROM_FUTURE" });
  });

  it.each([
    ["no header value", [] as string[]],
    ["two headers (which one was signed?)", [header(), header()]],
    ["an unknown version", [header().replace("v=1", "v=2")]],
    ["a missing signature", [header().replace(/; sig=.*$/, "")]],
    ["a field twice", [`${header()}; t=${T}`]],
    ["t not a number", [header().replace(`t=${T}`, "t=soon")]],
    ["a short nonce", [header({ nonce: "abc" })]],
    ["garbage", ["hello world"]],
    ["a signature of the wrong length", [header().replace(/sig=[^;]+$/, "sig=AAAA")]],
  ])("refuses %s as MALFORMED", (_what, values) => {
    expect(check(values)).toMatchObject({ ok: false, reason: "MALFORMED" });
  });

  it("will not sign with a short key", () => {
    expect(() => signCanary("short", { event: "e", to: "a@b.c", t: T, nonce: NONCE })).toThrow(/at least 32/);
  });

  it("finds the header whatever its case, and only it", () => {
    expect(canaryHeaderValues([{ name: "x-email-to-oncall-canary", value: "a" }, { name: "X-Email-To-Oncall-Canary", value: "b" }, { name: "X-Canary", value: "c" }])).toEqual(["a", "b"]);
  });
});
