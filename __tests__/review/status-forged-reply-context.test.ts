import { jsonLogger } from "../../functions/mail-to-alert/log";
import { signReply, type SignedAlertFields } from "../../functions/mail-to-alert/reply/reply-signature";
import { createStatusHandler } from "../../functions/oncall-status/handler";
import { statusRequestFor } from "../../functions/oncall-status/status-request";
import type { ReplyRequest } from "../../functions/reply-sender/contract";
import { alertPayload, NOW, REPLY_KEY, STATUS_CONFIG, webhook } from "../functions/oncall-status/support";

describe("review: the status mail's reply context and subject are believed only when our mail function signed them", () => {
  // Found in review: the status function built the "acknowledged"/"resolved" mail from
  // alert_payload.reply and alert_payload.subject as OnCall handed them back. Anyone holding the
  // integration URL could post an alert with a reply context of their choosing (and anyone holding
  // one webhook POST could forge webhooks), and the line then sent DKIM-signed mail to a listed
  // sender with an attacker-chosen subject and reference: phishing from the real line.
  const phishing = { subject: "Action required: re-enter your payment details at https://evil.example", reply: { from: STATUS_CONFIG.addresses[0]!, to: "cto@acme-shop.example", cc: [], language: "en", references: [], reference: "PAY-NOW" } };

  it("a forged alert (no signature) sends nothing: UNSIGNED_REPLY_CONTEXT", () => {
    const r = statusRequestFor(webhook("acknowledge", { alert_payload: alertPayload(phishing, { unsigned: true }) }), STATUS_CONFIG, NOW, [REPLY_KEY]);
    expect(r).toMatchObject({ ok: false, reason: "UNSIGNED_REPLY_CONTEXT", detail: "reply.sig is missing" });
  });

  it("a signed alert with its subject or reference swapped afterwards, or signed with another key, sends nothing", () => {
    const genuine = alertPayload() as SignedAlertFields;
    const swapped = [{ ...genuine, subject: phishing.subject }, { ...genuine, reply: { ...genuine.reply, reference: "PAY-NOW" } }, signReply({ ...(alertPayload(phishing, { unsigned: true }) as SignedAlertFields) }, "an-attacker-key-of-plenty-of-characters")];
    for (const payload of swapped) {
      expect(statusRequestFor(webhook("acknowledge", { alert_payload: payload }), STATUS_CONFIG, NOW, [REPLY_KEY])).toMatchObject({ ok: false, reason: "UNSIGNED_REPLY_CONTEXT" });
    }
    // The genuine one still goes out (and as a JSON string, as OnCall may send it).
    expect(statusRequestFor(webhook("acknowledge", { alert_payload: JSON.stringify(genuine) }), STATUS_CONFIG, NOW, [REPLY_KEY])).toMatchObject({ ok: true, request: { subject: "Checkout is down", reference: "4BAEB1A7" } });
  });

  it("through the handler (right shared secret, i.e. a leaked webhook): refused with 400, logged at WARN, counted, nothing queued; the key is re-read once before refusing", async () => {
    const queued: ReplyRequest[] = [];
    const lines: Record<string, unknown>[] = [];
    const reads: boolean[] = [];
    const handle = createStatusHandler({
      config: STATUS_CONFIG,
      secret: async () => "s3cret",
      replyKeys: async (refresh) => (reads.push(refresh), [REPLY_KEY]),
      queue: { send: async (r) => void queued.push(r) },
      log: jsonLogger("black-friday-2026", (l) => lines.push(JSON.parse(l))),
      now: () => NOW,
    });
    const forged = webhook("resolve", { event: { type: "resolve", time: "2026-11-27T15:04:00Z" }, alert_payload: alertPayload(phishing, { unsigned: true }) });
    const res = await handle({ headers: { Authorization: "s3cret" }, body: JSON.stringify(forged), requestContext: { http: { method: "POST" } } });
    expect(res).toMatchObject({ statusCode: 400, body: "UNSIGNED_REPLY_CONTEXT" });
    expect(queued).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ StatusRequests: 1, Result: "UNSIGNED_REPLY_CONTEXT" }));
    expect(lines).toContainEqual(expect.objectContaining({ level: "WARN", message: expect.stringContaining("unsigned or forged reply context") }));
    // A warm function may hold a key since rotated: one re-read, then at most once a minute (a flood of forgeries must not flood SSM).
    expect(reads).toEqual([false, true]);
    await handle({ headers: { Authorization: "s3cret" }, body: JSON.stringify(forged), requestContext: { http: { method: "POST" } } });
    expect(reads).toEqual([false, true, false]);
    // The key unreadable: 503 (OnCall retries), nothing queued.
    const down = createStatusHandler({ config: STATUS_CONFIG, secret: async () => "s3cret", replyKeys: async () => { throw new Error("ssm down"); }, queue: { send: async (r) => void queued.push(r) }, log: jsonLogger("black-friday-2026", (l) => lines.push(JSON.parse(l))), now: () => NOW });
    expect(await down({ headers: { Authorization: "s3cret" }, body: JSON.stringify(webhook()), requestContext: { http: { method: "POST" } } })).toMatchObject({ statusCode: 503 });
    expect(queued).toEqual([]);
  });
});
