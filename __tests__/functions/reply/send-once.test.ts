import { jsonLogger } from "../../../functions/mail-to-alert/log";
import { createReplySender, MailSender } from "../../../functions/reply-sender/handler";
import { memoryStore, sendOnce } from "../../../functions/reply-sender/send-once";
import { request } from "./support";

function clock(start = Date.parse("2026-11-27T15:00:00Z")) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("sendOnce: exactly one reply per mail, at most one per thread per interval", () => {
  it("a Lambda retry or an SQS redelivery of the same request sends nothing more", async () => {
    const store = memoryStore();
    const c = clock();
    const sent: number[] = [];
    const deps = { store, now: c.now, send: async () => void sent.push(c.now()) };
    expect(await sendOnce(request(), deps)).toBe("REPLY_SENT");
    expect(await sendOnce(request(), deps)).toBe("NO_REPLY_DUPLICATE");
    c.advance(6 * 86_400_000);
    expect(await sendOnce(request(), deps)).toBe("NO_REPLY_DUPLICATE");
    expect(sent).toHaveLength(1);
  });

  it("a duplicate delivery (another SES id, same thread) and a follow-up in the thread are rate-limited until the interval ends", async () => {
    const store = memoryStore();
    const c = clock();
    let sends = 0;
    const deps = { store, now: c.now, send: async () => void sends++ };
    expect(await sendOnce(request({ onceKey: "mail:a" }), deps)).toBe("REPLY_SENT");
    expect(await sendOnce(request({ onceKey: "mail:b" }), deps)).toBe("NO_REPLY_RATE_LIMITED");
    // The rate-limited mail's own retries stay silent, even after the interval.
    c.advance(3_600_001);
    expect(await sendOnce(request({ onceKey: "mail:b" }), deps)).toBe("NO_REPLY_DUPLICATE");
    expect(await sendOnce(request({ onceKey: "mail:c" }), deps)).toBe("REPLY_SENT");
    expect(await sendOnce(request({ onceKey: "mail:d", thread: { key: "thread:other", intervalSeconds: 3600 } }), deps)).toBe("REPLY_SENT");
    expect(sends).toBe(3);
  });

  it("a failed send frees both claims: the retry sends, once", async () => {
    const store = memoryStore();
    const c = clock();
    let calls = 0;
    const flaky = { store, now: c.now, send: async () => { calls++; if (calls === 1) throw new Error("Throttling"); } };
    await expect(sendOnce(request(), flaky)).rejects.toThrow("Throttling");
    expect(store.records.size).toBe(0);
    expect(await sendOnce(request(), flaky)).toBe("REPLY_SENT");
    expect(await sendOnce(request(), flaky)).toBe("NO_REPLY_DUPLICATE");
    expect(calls).toBe(2);
  });

  it("concurrent duplicates: one sends; a sender that died mid-way is taken over once its lease lapses", async () => {
    const store = memoryStore();
    const c = clock();
    let sends = 0;
    const deps = { store, now: c.now, send: async () => void sends++ };
    const results = await Promise.all([sendOnce(request(), deps), sendOnce(request(), deps), sendOnce(request(), deps)]);
    expect(results.filter((r) => r === "REPLY_SENT")).toHaveLength(1);
    // A holder that claimed and died (no complete, no release):
    await store.claim("mail:dead", { now: c.now(), leaseUntil: c.now() + 60_000, expiresAt: c.now() + 60_000 });
    expect(await sendOnce(request({ onceKey: "mail:dead", thread: undefined }), deps)).toBe("NO_REPLY_DUPLICATE");
    c.advance(60_001);
    expect(await sendOnce(request({ onceKey: "mail:dead", thread: undefined }), deps)).toBe("REPLY_SENT");
    expect(sends).toBe(2);
  });
});

describe("reply-sender handler (SQS batch)", () => {
  function setup(sender: MailSender) {
    const lines: Record<string, unknown>[] = [];
    const c = clock();
    const s = createReplySender({ fromAddresses: ["black-friday-2026@oncall.example.com"], store: memoryStore(), sender, log: jsonLogger("black-friday-2026", (l) => lines.push(JSON.parse(l))), now: c.now });
    return { s, lines };
  }
  const record = (id: string, body: unknown) => ({ messageId: id, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("sends raw MIME to the sender and cc, reports failures per record, counts each outcome", async () => {
    const mails: { from: string; to: readonly string[]; raw: Buffer }[] = [];
    let fail = true;
    const { s, lines } = setup({ send: async (m) => { if (m.to.includes("fail@acme-shop.example") && fail) { fail = false; throw Object.assign(new Error("x"), { name: "TooManyRequestsException" }); } mails.push(m); } });
    const out = await s.handle({
      Records: [
        record("1", request({ cc: ["ops@acme-shop.example"] })),
        record("2", request()),
        record("3", request({ onceKey: "mail:x", to: "fail@acme-shop.example", thread: undefined })),
        record("4", "{not json"),
        record("5", request({ onceKey: "mail:y", from: "someone@else.example" })),
      ],
    });
    expect(out.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(["3", "4", "5"]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["cto@acme-shop.example", "ops@acme-shop.example"]);
    expect(mails[0]!.raw.toString()).toContain("Auto-Submitted: auto-replied");
    expect(lines).toContainEqual(expect.objectContaining({ RepliesSent: 1, Kind: "acknowledgement" }));
    expect(lines).toContainEqual(expect.objectContaining({ RepliesSkipped: 1, Reason: "NO_REPLY_DUPLICATE" }));
    expect(lines.filter((l) => l.ReplyFailures === 1)).toHaveLength(3);
    expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", detail: expect.stringContaining("not an address of this event") }));
    // The retry of the throttled one goes out.
    expect((await s.handle({ Records: [record("3", request({ onceKey: "mail:x", to: "fail@acme-shop.example", thread: undefined }))] })).batchItemFailures).toEqual([]);
    expect(mails).toHaveLength(2);
  });
});
