import { MIN_REPLY_KEY_LENGTH, replySignature, replySignatureValid, signReply, type SignedAlertFields } from "../../../functions/mail-to-alert/reply/reply-signature";

const KEY = "unit-test-reply-context-key-0123456789";
const NEW_KEY = "unit-test-reply-context-key-rotated-987";

const ALERT: SignedAlertFields = {
  event: { slug: "black-friday-2026" },
  alert_uid: "black-friday-2026:4baeb1a7aaaa",
  message_id: "plain-1@acme-shop.example",
  subject: "Checkout is down",
  reply: { from: "black-friday-2026@oncall.example.com", to: "cto@acme-shop.example", cc: ["ops-lead@acme-shop.example"], language: "en", references: ["root@acme-shop.example"], reference: "4BAEB1A7" },
};

describe("reply-context signature (reply/reply-signature.ts)", () => {
  const signed = signReply(ALERT, KEY);

  it("signs: v1 and an HMAC-SHA-256 in base64url; deterministic; verifies with its key", () => {
    expect(signed.reply.sig).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    expect(signReply(ALERT, KEY).reply.sig).toBe(signed.reply.sig);
    expect(replySignatureValid(signed, [KEY])).toBe(true);
    // The input is not changed (pure).
    expect((ALERT.reply as { sig?: string }).sig).toBeUndefined();
  });

  it("refuses every field changed one at a time (the reply context, subject, message_id, alert_uid, event slug)", () => {
    const tampered: [string, SignedAlertFields][] = [
      ["event.slug", { ...signed, event: { slug: "cyber-monday-2026" } }],
      ["alert_uid", { ...signed, alert_uid: "black-friday-2026:ffffffffffff" }],
      ["message_id", { ...signed, message_id: "other@acme-shop.example" }],
      ["subject", { ...signed, subject: "Urgent: confirm your password at https://evil.example" }],
      ["reply.from", { ...signed, reply: { ...signed.reply, from: "other@oncall.example.com" } }],
      ["reply.to", { ...signed, reply: { ...signed.reply, to: "ceo@acme-shop.example" } }],
      ["reply.cc (added)", { ...signed, reply: { ...signed.reply, cc: [...signed.reply.cc, "incidents@acme-shop.example"] } }],
      ["reply.cc (removed)", { ...signed, reply: { ...signed.reply, cc: [] } }],
      ["reply.language", { ...signed, reply: { ...signed.reply, language: "fr" } }],
      ["reply.references", { ...signed, reply: { ...signed.reply, references: ["evil@evil.example"] } }],
      ["reply.reference", { ...signed, reply: { ...signed.reply, reference: "PAY-NOW" } }],
    ];
    for (const [field, alert] of tampered) expect([field, replySignatureValid(alert, [KEY])]).toEqual([field, false]);
  });

  it("cannot be confused by moving text between fields (canonical JSON array, not concatenation)", () => {
    const a = signReply({ ...ALERT, subject: "a", message_id: "b,c" }, KEY);
    expect(replySignatureValid({ ...a, subject: "a,b", message_id: "c" }, [KEY])).toBe(false);
    const lists = signReply({ ...ALERT, reply: { ...ALERT.reply, cc: ["x@a.example", "y@a.example"], references: [] } }, KEY);
    expect(replySignatureValid({ ...lists, reply: { ...lists.reply, cc: ["x@a.example"], references: ["y@a.example"] } }, [KEY])).toBe(false);
  });

  it("refuses a missing, empty, malformed or other-version signature, and fields of the wrong type", () => {
    const flipLast = (sig: string) => sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    const withSig = (sig: unknown) => ({ ...ALERT, reply: { ...ALERT.reply, sig } });
    for (const sig of [undefined, null, "", 42, "v1.", "v2." + signed.reply.sig!.slice(3), signed.reply.sig! + "A", flipLast(signed.reply.sig!), ["v1.x"]]) {
      expect([sig, replySignatureValid(withSig(sig) as never, [KEY])]).toEqual([sig, false]);
    }
    const wrongType = { ...signed, reply: { ...signed.reply, cc: "ops-lead@acme-shop.example" } };
    expect(replySignatureValid(wrongType as never, [KEY])).toBe(false);
    expect(replySignatureValid({ ...signed, subject: undefined } as never, [KEY])).toBe(false);
    expect(replySignatureValid({ ...signed, reply: undefined } as never, [KEY])).toBe(false);
  });

  it("refuses a wrong key, no key, and keys too short to be ours (an empty parameter verifies nothing)", () => {
    expect(replySignatureValid(signed, [NEW_KEY])).toBe(false);
    expect(replySignatureValid(signed, [])).toBe(false);
    expect(replySignatureValid(signed, [""])).toBe(false);
    expect(() => replySignature(ALERT, "x".repeat(MIN_REPLY_KEY_LENGTH - 1))).toThrow(/shorter than 32/);
    expect(() => replySignature({ ...ALERT, subject: 7 } as never, KEY)).toThrow(/wrong type/);
  });

  it("key rotation: with the new and the old key handed in (current first), both old and new signatures verify", () => {
    const fresh = signReply(ALERT, NEW_KEY);
    expect(replySignatureValid(signed, [NEW_KEY, KEY])).toBe(true);
    expect(replySignatureValid(fresh, [NEW_KEY, KEY])).toBe(true);
    // Once the old key is gone, what it signed no longer verifies (in-flight groups get no status mail).
    expect(replySignatureValid(signed, [NEW_KEY])).toBe(false);
  });
});
