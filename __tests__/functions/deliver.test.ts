import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { backoffMs, classifyStatus, DEFAULT_RETRY_POLICY, deliver, DeliveryError, PostResult, Poster, retryAfterMs, RetryPolicy } from "../../functions/mail-to-alert/deliver";

const policy: RetryPolicy = { timeoutMs: 1000, maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 800, maxRetryAfterMs: 5000 };
const payload = { title: "t" } as unknown as AlertPayload;

/** A poster playing a script of results (or thrown errors), and a virtual clock that only sleeps advance. */
function scripted(script: (PostResult | Error)[]) {
  const calls: number[] = [];
  let clock = 1_000_000;
  const sleeps: number[] = [];
  const poster: Poster = {
    async post(_url, _p, timeoutMs) {
      calls.push(timeoutMs);
      const next = script.shift() ?? { status: 200, retryAfter: null };
      if (next instanceof Error) throw next;
      return next;
    },
  };
  const timing = (deadlineIn = 60_000) => ({
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    now: () => clock,
    deadline: clock + deadlineIn,
  });
  return { poster, calls, sleeps, timing };
}

const ok = { status: 200, retryAfter: null };
const status = (s: number, retryAfter: string | null = null) => ({ status: s, retryAfter });
const netError = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });

describe("deliver", () => {
  it("posts once when OnCall accepts", async () => {
    const s = scripted([ok]);
    await expect(deliver(s.poster, "u", payload, policy, s.timing())).resolves.toEqual({ attempts: 1, status: 200 });
    expect(s.sleeps).toEqual([]);
  });

  it("retries 5xx and network errors with growing, jittered backoff", async () => {
    const s = scripted([status(500), netError(), status(503), ok]);
    await expect(deliver(s.poster, "u", payload, policy, s.timing())).resolves.toEqual({ attempts: 4, status: 200 });
    expect(s.sleeps).toEqual([50, 100, 200]);
  });

  it("honours Retry-After on 429 (seconds and HTTP-date)", async () => {
    const s = scripted([status(429, "2"), ok]);
    await deliver(s.poster, "u", payload, policy, s.timing());
    expect(s.sleeps).toEqual([2000]);
    expect(retryAfterMs("Wed, 25 Nov 2026 00:00:03 GMT", Date.parse("2026-11-25T00:00:00Z"))).toBe(3000);
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });

  it("fails at once when Retry-After is longer than it may wait", async () => {
    const s = scripted([status(429, "120")]);
    await expect(deliver(s.poster, "u", payload, policy, s.timing())).rejects.toMatchObject({ kind: "deadline", attempts: 1, lastStatus: 429 });
  });

  it("by default waits out a long Retry-After when the deadline allows it (a 429 flood), and fails at once when it does not", async () => {
    const waits = scripted([status(429, "240"), ok]);
    await expect(deliver(waits.poster, "u", payload, DEFAULT_RETRY_POLICY, waits.timing(15 * 60_000))).resolves.toEqual({ attempts: 2, status: 200 });
    expect(waits.sleeps).toEqual([240_000]);
    // 50 s fit a 60 s invocation: waited (was refused above 20 s before).
    const fits = scripted([status(429, "50"), ok]);
    await expect(deliver(fits.poster, "u", payload, DEFAULT_RETRY_POLICY, fits.timing(57_000))).resolves.toEqual({ attempts: 2, status: 200 });
    expect(fits.sleeps).toEqual([50_000]);
    // 240 s do not: no sleep at all, Lambda's own retry comes sooner than the deadline would.
    const late = scripted([status(429, "240")]);
    await expect(deliver(late.poster, "u", payload, DEFAULT_RETRY_POLICY, late.timing(57_000))).rejects.toMatchObject({ kind: "deadline", attempts: 1, lastStatus: 429 });
    expect(late.sleeps).toEqual([]);
    // More than Lambda's longest timeout is never waited for, whatever the deadline says.
    const absurd = scripted([status(429, "86400")]);
    await expect(deliver(absurd.poster, "u", payload, DEFAULT_RETRY_POLICY, absurd.timing(10 * 86_400_000))).rejects.toMatchObject({ kind: "deadline", lastError: expect.stringContaining("exceeds 900000 ms") });
    expect(absurd.sleeps).toEqual([]);
  });

  it.each([400, 403, 404, 413])("does not retry HTTP %i", async (code) => {
    const s = scripted([status(code)]);
    await expect(deliver(s.poster, "u", payload, policy, s.timing())).rejects.toMatchObject({ kind: "rejected", attempts: 1, lastStatus: code });
    expect(s.calls).toHaveLength(1);
  });

  it("gives up after maxAttempts and reports the last error without the URL", async () => {
    const s = scripted(Array.from({ length: 5 }, netError));
    const err = await deliver(s.poster, "https://oncall.example/integrations/v1/webhook/SECRET/", payload, policy, s.timing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ kind: "exhausted", attempts: 5, lastError: "TypeError/ECONNREFUSED" });
    expect(String((err as Error).message)).not.toContain("SECRET");
  });

  it("stops before the Lambda deadline and shortens the last timeout to fit", async () => {
    const s = scripted([status(500), status(500), status(500), status(500), status(500)]);
    await expect(deliver(s.poster, "u", payload, policy, s.timing(120))).rejects.toMatchObject({ kind: "deadline", attempts: 2, lastStatus: 500 });
    expect(s.calls).toEqual([120, 70]);
  });

  it("caps exponential backoff at maxDelayMs", () => {
    expect(backoffMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffMs(10, policy, () => 0.999)).toBe(799);
  });

  it("classifies statuses in one place: permanent, transient, other", () => {
    for (const s of [400, 401, 403, 404, 410, 413, 422]) expect(classifyStatus(s)).toBe("permanent");
    for (const s of [408, 429, 500, 502, 503, 504]) expect(classifyStatus(s)).toBe("transient");
    for (const s of [405, 409]) expect(classifyStatus(s)).toBe("other");
  });
});
