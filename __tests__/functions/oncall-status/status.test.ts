import { jsonLogger } from "../../../functions/mail-to-alert/log";
import { createStatusHandler, HttpEvent } from "../../../functions/oncall-status/handler";
import { firstName, statusRequestFor } from "../../../functions/oncall-status/status-request";
import { secretMatches } from "../../../functions/oncall-status/verify";
import type { ReplyRequest } from "../../../functions/reply-sender/contract";
import { createReplySender } from "../../../functions/reply-sender/handler";
import { memoryStore } from "../../../functions/reply-sender/send-once";
import { alertPayload, NOW, REPLY_KEY, STATUS_CONFIG, webhook } from "./support";

const SECRET = "s3cr3t-0123456789abcdef0123456789abcdef";

function setup() {
  const queued: ReplyRequest[] = [];
  const lines: Record<string, unknown>[] = [];
  const handle = createStatusHandler({ config: STATUS_CONFIG, secret: async () => SECRET, replyKeys: async () => [REPLY_KEY], queue: { send: async (r) => void queued.push(r) }, log: jsonLogger("black-friday-2026", (l) => lines.push(JSON.parse(l))), now: () => NOW });
  const post = (body: unknown, authorization: string | null = SECRET, extra: Partial<HttpEvent> = {}) =>
    handle({ headers: authorization === null ? {} : { Authorization: authorization }, body: JSON.stringify(body), requestContext: { http: { method: "POST" } }, ...extra });
  return { queued, lines, post };
}

describe("status webhook authentication", () => {
  it("compares the secret in constant time on fixed-length digests, with or without Bearer", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(secretMatches(SECRET.slice(0, -1), SECRET)).toBe(false);
    expect(secretMatches(`${SECRET}x`, SECRET)).toBe(false);
    expect(secretMatches("", SECRET)).toBe(false);
    expect(secretMatches(undefined, SECRET)).toBe(false);
    expect(secretMatches(SECRET, "")).toBe(false);
  });

  it("missing or wrong: 401 with no detail, nothing queued, counted", async () => {
    const { post, queued, lines } = setup();
    for (const auth of [null, "wrong", `${SECRET} `, SECRET.toUpperCase()]) {
      const r = await post(webhook(), auth);
      expect(r).toEqual({ statusCode: 401, headers: { "content-type": "text/plain" }, body: "" });
    }
    expect(queued).toEqual([]);
    expect(lines.filter((l) => l.StatusRequests === 1 && l.Result === "UNAUTHORIZED")).toHaveLength(4);
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it("replayed: an event older than the limit (or from the future) is refused", async () => {
    const { post, queued } = setup();
    expect((await post(webhook("acknowledge", { event: { type: "acknowledge", time: "2026-11-27T14:50:00Z" } }))).statusCode).toBe(400);
    expect((await post(webhook("resolve", { event: { type: "resolve", time: "2026-11-27T15:30:00Z" } }))).statusCode).toBe(400);
    expect((await post(webhook("acknowledge", { event: { type: "acknowledge" }, alert_group: {} }))).statusCode).toBe(400);
    expect(queued).toEqual([]);
  });

  it("only POST; no JSON, too large: refused", async () => {
    const { post } = setup();
    expect((await post(webhook(), SECRET, { requestContext: { http: { method: "GET" } } })).statusCode).toBe(405);
    expect((await post(undefined, SECRET, { body: "{not json" })).statusCode).toBe(400);
    expect((await post(undefined, SECRET, { body: "x".repeat(600 * 1024) })).statusCode).toBe(413);
  });
});

describe("status mails", () => {
  it("acknowledge: 'acknowledged by <first name> at <time>', into the customer's thread", async () => {
    const { post, queued } = setup();
    expect((await post(webhook())).statusCode).toBe(202);
    expect(queued).toEqual([
      expect.objectContaining({ kind: "acknowledged", onceKey: "status:IGROUP1:acknowledged", from: "black-friday-2026@oncall.example.com", to: "cto@acme-shop.example", cc: ["ops-lead@acme-shop.example"], by: "Alice", at: "2026-11-27T15:04:00.000Z", messageId: "plain-1@acme-shop.example", subject: "Checkout is down", reference: "4BAEB1A7" }),
    ]);
    expect(queued[0]!.thread).toBeUndefined();
  });

  it("resolve and unresolve (OnCall sends no time for unresolve); the base64 body of a function URL", async () => {
    const { post, queued } = setup();
    await post(webhook("resolve", { event: { type: "resolve", time: "2026-11-27T15:09:00Z" } }));
    await post(undefined, SECRET, { body: Buffer.from(JSON.stringify(webhook("unresolve", { event: { type: "unresolve" } }))).toString("base64"), isBase64Encoded: true });
    expect(queued.map((r) => [r.kind, r.onceKey, r.at])).toEqual([
      ["resolved", "status:IGROUP1:resolved", "2026-11-27T15:09:00.000Z"],
      ["unresolved", "status:IGROUP1:unresolved", new Date(NOW).toISOString()],
    ]);
  });

  it("idempotent per alert group and state: OnCall retrying (or a replay) sends one mail", async () => {
    const { post, queued } = setup();
    await post(webhook());
    await post(webhook());
    await post(webhook("resolve", { event: { type: "resolve", time: "2026-11-27T15:09:00Z" } }));
    const mails: string[] = [];
    const sender = createReplySender({ fromAddresses: STATUS_CONFIG.addresses, store: memoryStore(), sender: { send: async (m) => void mails.push(m.raw.toString()) }, log: jsonLogger("x", () => undefined), now: () => NOW });
    const results = [];
    for (const r of queued) results.push(await sender.sendRequest(r));
    expect(results).toEqual(["REPLY_SENT", "NO_REPLY_DUPLICATE", "REPLY_SENT"]);
    expect(mails).toHaveLength(2);
    expect(mails[0]).toContain("In-Reply-To: <plain-1@acme-shop.example>");
  });

  it("refuses what is not ours to answer: another event, no reply thread, an untrusted recipient, other triggers", () => {
    const at = (b: unknown) => statusRequestFor(b, STATUS_CONFIG, NOW, [REPLY_KEY]);
    expect(at(webhook("acknowledge", { alert_payload: alertPayload({ event: { slug: "other", title: "x", customer: "y" } }) }))).toMatchObject({ ok: false, reason: "NOT_THIS_EVENT" });
    expect(at(webhook("acknowledge", { alert_payload: alertPayload({ reply: undefined }) }))).toMatchObject({ ok: false, reason: "NO_REPLY_THREAD" });
    expect(at(webhook("acknowledge", { alert_payload: alertPayload({ lane: "notify" }) }))).toMatchObject({ ok: false, reason: "NO_REPLY_THREAD" });
    const spoofedTarget = alertPayload({ reply: { ...alertPayload().reply!, to: "victim@elsewhere.example" } });
    expect(at(webhook("acknowledge", { alert_payload: spoofedTarget }))).toMatchObject({ ok: false, reason: "RECIPIENT_NOT_TRUSTED" });
    const otherFrom = alertPayload({ reply: { ...alertPayload().reply!, from: "ceo@oncall.example.com" } });
    expect(at(webhook("acknowledge", { alert_payload: otherFrom }))).toMatchObject({ ok: false, reason: "NOT_THIS_EVENT" });
    expect(at(webhook("silence"))).toMatchObject({ ok: false, reason: "NOT_A_STATUS_EVENT" });
    expect(at(webhook("acknowledge", { alert_payload: JSON.stringify(alertPayload()) }))).toMatchObject({ ok: true });
    expect(at(webhook("acknowledge", { alert_payload: "{oops" }))).toMatchObject({ ok: false, reason: "MALFORMED" });
  });

  it("first names from OnCall's user", () => {
    expect(firstName({ username: "alice.smith" })).toBe("Alice");
    expect(firstName({ username: "", email: "bob_jones@x.example" })).toBe("Bob");
    expect(firstName({ username: "<script>" })).toBe("Script");
    expect(firstName(null)).toBeUndefined();
  });
});
