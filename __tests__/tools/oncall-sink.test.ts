import { ONCALL_RATE_LIMIT, rateLimitAnswer, startOnCallSink } from "../../tools/lib/oncall-sink";

describe("the local OnCall sink's rate limit (OnCall: 300 alerts per 5 minutes per integration)", () => {
  it("accepts the limit per fixed window, then answers 429 with the seconds until the window ends", () => {
    const counts = new Map<number, number>();
    const answers = Array.from({ length: 301 }, () => rateLimitAnswer(ONCALL_RATE_LIMIT, 0, counts, 60_500));
    expect(answers.slice(0, 300).every((a) => a.status === 200)).toBe(true);
    // At 60.5 s into a 300 s window: 239.5 s left, rounded up so waiting that long lands in the next window.
    expect(answers[300]).toEqual({ status: 429, retryAfterSeconds: 240 });
    expect(rateLimitAnswer(ONCALL_RATE_LIMIT, 0, counts, 299_999)).toEqual({ status: 429, retryAfterSeconds: 1 });
    expect(rateLimitAnswer(ONCALL_RATE_LIMIT, 0, counts, 60_500 + 240_000)).toEqual({ status: 200 });
  });

  it("serves HTTP: 200 Ok. within the limit, 429 + Retry-After beyond it, and records every request", async () => {
    let now = 1_000_000;
    const sink = await startOnCallSink({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => now });
    try {
      const post = (body: string) => fetch(sink.url, { method: "POST", body, headers: { "content-type": "application/json" } });
      const a = await post('{"alert_uid":"g"}');
      expect([a.status, await a.text()]).toEqual([200, "Ok."]);
      await post("{}");
      now += 15_000;
      const c = await post("{}");
      expect([c.status, c.headers.get("retry-after")]).toEqual([429, "45"]);
      now += 45_000;
      expect((await post("not json")).status).toBe(200);
      expect(sink.requests.map((r) => r.status)).toEqual([200, 200, 429, 200]);
      expect(sink.requests[0]).toMatchObject({ at: 1_000_000, bytes: 17, payload: { alert_uid: "g" } });
      expect(sink.requests[3]!.payload).toBeUndefined();
      expect(sink.accepted()).toHaveLength(3);
    } finally {
      await sink.close();
    }
  });
});
