import { createHmac, timingSafeEqual } from "node:crypto";
import type { AlertPayload, ReplyContext } from "../contract";

/**
 * Proof that an alert's reply context was written by our own mail-to-alert function. The status
 * function sends DKIM-signed mail from the fields it gets back from Grafana OnCall (`alert_payload`);
 * anyone holding the integration URL can post an alert, and anyone holding one webhook POST can
 * forge webhooks, so without this they could choose the subject and reference of a mail from the
 * real line (phishing). Pure: the key is handed in.
 */

/** Versioned so a later format can be told apart (and refused by an older verifier). */
const SIG_VERSION = "v1";
/** What the HMAC covers is bound to this purpose: a key reused elsewhere cannot mint one. */
const PURPOSE = "email-to-oncall/reply-context/v1";
/** The signature's shape: `v1.` and 43 base64url characters (HMAC-SHA-256). */
const SIG_PATTERN = /^v1\.[A-Za-z0-9_-]{43}$/;
/** Shorter keys are refused: a placeholder or an empty parameter must not sign anything. */
export const MIN_REPLY_KEY_LENGTH = 32;

/** The alert fields a status mail is built from: the reply context, the subject, the ids and the event. */
export type SignedAlertFields = Pick<AlertPayload, "subject" | "message_id" | "alert_uid"> & { readonly event: { readonly slug: string }; readonly reply: Omit<ReplyContext, "sig"> };

const isStringList = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * The canonical text signed: a JSON array in a fixed order (no key order or whitespace to argue
 * about), or undefined when a field has the wrong type (a forged payload, never ours).
 */
function canonical(a: SignedAlertFields): string | undefined {
  const r = a.reply;
  const strings = [a.event?.slug, a.alert_uid, a.message_id, a.subject, r?.from, r?.to, r?.language, r?.reference];
  if (!strings.every((s) => typeof s === "string") || !isStringList(r.cc) || !isStringList(r.references)) return undefined;
  return JSON.stringify([PURPOSE, a.event.slug, a.alert_uid, a.message_id, a.subject, r.from, r.to, r.cc, r.language, r.references, r.reference]);
}

function mac(text: string, key: string): string {
  return `${SIG_VERSION}.${createHmac("sha256", key).update(text, "utf8").digest("base64url")}`;
}

/** The signature of an alert's reply context (`reply.sig`). Throws on a key too short to sign with. */
export function replySignature(alert: SignedAlertFields, key: string): string {
  if (key.length < MIN_REPLY_KEY_LENGTH) throw new Error(`reply signing key is shorter than ${MIN_REPLY_KEY_LENGTH} characters`);
  const text = canonical(alert);
  if (text === undefined) throw new Error("reply context has a field of the wrong type");
  return mac(text, key);
}

/** The alert with `reply.sig` set over its final fields (sign after anything that may still cut the subject). */
export function signReply<T extends SignedAlertFields>(alert: T, key: string): T & { readonly reply: T["reply"] & { readonly sig: string } } {
  return { ...alert, reply: { ...alert.reply, sig: replySignature(alert, key) } };
}

/**
 * Whether `reply.sig` was made with one of `keys` (current first; two during a rotation) over
 * exactly these fields. Constant time in the comparison; false for a missing or malformed
 * signature, a field of the wrong type, or no usable key.
 */
export function replySignatureValid(alert: SignedAlertFields & { readonly reply: { readonly sig?: unknown } }, keys: readonly string[]): boolean {
  const sig = alert.reply?.sig;
  if (typeof sig !== "string" || !SIG_PATTERN.test(sig)) return false;
  const text = canonical(alert);
  if (text === undefined) return false;
  const presented = Buffer.from(sig, "utf8");
  let valid = false;
  for (const key of keys) {
    if (key.length < MIN_REPLY_KEY_LENGTH) continue;
    const expected = Buffer.from(mac(text, key), "utf8");
    // Same length by construction (SIG_PATTERN): timingSafeEqual needs equal lengths.
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) valid = true;
  }
  return valid;
}
