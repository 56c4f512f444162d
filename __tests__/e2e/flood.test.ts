import { runFlood } from "../../bench/flood/scenario";
import { DEFAULT_RETRY_POLICY } from "../../functions/mail-to-alert/deliver";
import { testConfig } from "../functions/support/config";
import { virtualClock } from "./support/sinks";

/**
 * The flood of issue 12 on a smaller scale, through `npm run local` (SMTP, the real handler,
 * reserved concurrency, the rate-limited sink): 120 mails of one thread, OnCall allowing 30
 * alerts per 5-minute window, concurrency 3. Time is virtual (only waits move it), so nothing
 * here depends on the machine's speed; the full-size numbers are in BENCHMARKS.md (bench:flood).
 */
const base = {
  config: testConfig,
  mails: 120,
  concurrency: 3,
  rateLimit: { limit: 30, windowMs: 5 * 60_000 },
  lambdaRetryDelaysMs: [60_000, 120_000],
  receivedAt: new Date("2026-11-27T15:00:00Z"),
  connections: 3,
};

describe("flood: 120 mails in one thread against a rate-limited OnCall", () => {
  it("with the default 60 s timeout: one alert group, concurrency never above the limit, every mail posted or dead-lettered, none lost", async () => {
    const clock = virtualClock();
    const r = await runFlood({ ...base, lambdaTimeoutMs: 60_000, now: clock.now, sleep: clock.sleep });
    expect(r.accepted).toBe(120);
    expect(r.alertGroups).toBe(1);
    expect(r.maxConcurrent).toBeLessThanOrEqual(3);
    expect(r.maxConcurrent).toBe(3); // the limit was reached, so it was the limit that held
    expect(r.throttled).toBeGreaterThan(0);
    expect(r.maxPerWindow).toBeLessThanOrEqual(30);
    expect(r.rateLimited).toBeGreaterThan(0);
    expect(r.posted + r.deadLettered).toBe(120);
    expect(r.lost).toBe(0);
    // A 5-minute window outlasts a 60 s invocation and Lambda's two retries: the overflow is dead-lettered (loudly).
    expect(r.posted).toBeGreaterThanOrEqual(30);
    expect(r.deadLettered).toBeGreaterThan(0);
  });

  it("with a timeout longer than the window, Retry-After is waited out in the function: all 120 reach OnCall, none dead-lettered", async () => {
    const clock = virtualClock();
    const r = await runFlood({ ...base, retryPolicy: DEFAULT_RETRY_POLICY, lambdaTimeoutMs: 360_000, now: clock.now, sleep: clock.sleep });
    expect(r).toMatchObject({ accepted: 120, posted: 120, deadLettered: 0, lost: 0, alertGroups: 1 });
    expect(r.maxConcurrent).toBeLessThanOrEqual(3);
    expect(r.maxPerWindow).toBeLessThanOrEqual(30);
    // Four windows' worth of alerts: the last mails wait about three windows.
    expect(r.drainMs).toBeGreaterThanOrEqual(3 * 5 * 60_000);
    expect(clock.slept.some((ms) => ms > 20_000)).toBe(true); // Retry-After beyond the old 20 s cap was honoured
  });
});
