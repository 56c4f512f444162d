import { LOCAL_COMMAND, parseDuration, parseRateLimit, parseSmtpTargets, runLocal } from "../../tools/lib/local-cli";
import { usage, UsageError } from "../../tools/lib/cli";

describe("npm run local: health, concurrency and sink flags", () => {
  it("documents the flags in --help", () => {
    const text = usage(LOCAL_COMMAND);
    for (const flag of ["--health-smtp <host:port,...>", "--health-url <url,...>", "--health-period <duration>", "--remind-every <duration>", "--concurrency <n>", "--sink-rate-limit <n>/<duration>"]) expect(text).toContain(flag);
    expect(text).toContain("e.g. 500ms, 30s, 5m, 1h");
  });

  it("reads durations, SMTP targets and rate limits", () => {
    expect([parseDuration("x", "500ms"), parseDuration("x", "30s"), parseDuration("x", "5m"), parseDuration("x", "1.5h"), parseDuration("x", "0")]).toEqual([500, 30_000, 300_000, 5_400_000, 0]);
    expect(parseSmtpTargets("127.0.0.1:2526, localhost:2527,[::1]:25")).toEqual([
      { host: "127.0.0.1", port: 2526 },
      { host: "localhost", port: 2527 },
      { host: "::1", port: 25 },
    ]);
    expect(parseRateLimit("300/5m")).toEqual({ limit: 300, windowMs: 300_000 });
    expect(() => parseDuration("remind-every", "30")).toThrow(new UsageError("--remind-every: not a duration: 30 (write e.g. 30s, 5m, 1h)"));
    expect(() => parseSmtpTargets("127.0.0.1")).toThrow(/not a host:port/);
    expect(() => parseRateLimit("300")).toThrow(/e\.g\. 300\/5m/);
  });

  it.each([
    [["--health-url", "https://events.pagerduty.com/x"], "--health-url: only http(s)://127.0.0.1 URLs (a local sink), not https://events.pagerduty.com/x"],
    [["--health-smtp", "smtp.example.com:25"], "--health-smtp: only 127.0.0.1 (a local SMTP sink), not smtp.example.com"],
    [["--concurrency", "0"], "--concurrency: not a whole number of at least 1: 0"],
    [["--health-period", "0"], "--health-period: must be longer than 0"],
  ])("refuses %j with exit 2 and the usage, before starting anything", async (argv, message) => {
    const err: string[] = [];
    let started = false;
    const code = await runLocal(argv, { out: () => undefined, err: (s) => void err.push(s), env: {} }, () => (started = true));
    expect(code).toBe(2);
    expect(started).toBe(false);
    expect(err.join("")).toContain(message);
    expect(err.join("")).toContain("usage: npm run local --");
  });
});
