import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The canary's signature: one header on a synthetic mail that the event's canary function sends
 * through SES to each live address. The mail-to-alert function counts a valid one (metric
 * CanaryReceived) instead of paging; anything else carrying the header is dropped and counted
 * (CanaryRejected). Pure: the key comes from the caller, the clock is the SES receipt time, so a
 * retried event decides the same way.
 */
export const CANARY_HEADER = "X-Email-To-Oncall-Canary";
export const CANARY_VERSION = "1";

/** What the signature covers: which event, which address, when, and a nonce. */
export interface CanaryClaim {
  readonly event: string;
  /** The event address the canary was sent to (lower case). */
  readonly to: string;
  /** Unix seconds at signing. */
  readonly t: number;
  /** 16-64 hex characters, fresh per canary. */
  readonly nonce: string;
}

/** A canary older than this at SES receipt is a replay (or stuck mail: either way not proof of a live path). */
export const CANARY_MAX_AGE_SECONDS = 15 * 60;
/** Clock skew tolerated between the sender's clock and SES's receipt timestamp. */
export const CANARY_MAX_SKEW_SECONDS = 5 * 60;

export type CanaryRejection = "MALFORMED" | "WRONG_EVENT" | "FORGED" | "STALE" | "FROM_FUTURE";

export type CanaryVerdict =
  | { readonly ok: true; readonly claim: CanaryClaim; readonly ageSeconds: number }
  | { readonly ok: false; readonly reason: CanaryRejection; readonly detail: string };

function signedText(c: CanaryClaim): string {
  return `v=${CANARY_VERSION};event=${c.event};to=${c.to};t=${c.t};n=${c.nonce}`;
}

function mac(key: string, c: CanaryClaim): Buffer {
  return createHmac("sha256", key).update(signedText(c)).digest();
}

/** The header value for a claim: `v=1; event=…; to=…; t=…; n=…; sig=<base64url HMAC-SHA256>`. */
export function signCanary(key: string, claim: CanaryClaim): string {
  if (key.length < 32) throw new Error("canary key must be at least 32 characters");
  const c = { ...claim, to: claim.to.toLowerCase() };
  return `v=${CANARY_VERSION}; event=${c.event}; to=${c.to}; t=${c.t}; n=${c.nonce}; sig=${mac(key, c).toString("base64url")}`;
}

const FIELD = /^\s*([a-z]+)=([^;\s]*)\s*$/;

function parse(value: string): { claim: CanaryClaim; sig: Buffer } | string {
  const fields = new Map<string, string>();
  for (const part of value.split(";")) {
    const m = FIELD.exec(part);
    if (!m) return `unreadable field "${part.trim().slice(0, 40)}"`;
    if (fields.has(m[1]!)) return `field ${m[1]} twice`;
    fields.set(m[1]!, m[2]!);
  }
  if (fields.get("v") !== CANARY_VERSION) return `version ${fields.get("v") ?? "(none)"} is not ${CANARY_VERSION}`;
  const event = fields.get("event");
  const to = fields.get("to");
  const t = fields.get("t");
  const nonce = fields.get("n");
  const sig = fields.get("sig");
  if (!event || !to || !t || !nonce || !sig) return "a field of event, to, t, n, sig is missing";
  if (!/^\d{1,12}$/.test(t)) return "t is not unix seconds";
  if (!/^[0-9a-f]{16,64}$/.test(nonce)) return "n is not 16-64 hex characters";
  if (!/^[A-Za-z0-9_-]{43}$/.test(sig)) return "sig is not a base64url SHA-256 MAC";
  return { claim: { event, to: to.toLowerCase(), t: Number(t), nonce }, sig: Buffer.from(sig, "base64url") };
}

export interface CanaryCheck {
  /** Every value of the canary header on the mail (it is a canary attempt when there is one). */
  readonly headerValues: readonly string[];
  /** Current key first; during a rotation also the previous one. */
  readonly keys: readonly string[];
  readonly slug: string;
  /** Envelope recipients that are the event's addresses (lower case). */
  readonly recipients: readonly string[];
  readonly receivedAt: Date;
  /** @default CANARY_MAX_AGE_SECONDS */
  readonly maxAgeSeconds?: number;
}

/**
 * Valid only when exactly one header carries a well-formed claim for this event and for an address
 * the mail was delivered to, MAC'd with a known key (compared in constant time), and signed within
 * the freshness window of its SES receipt: a captured canary replayed later is STALE.
 */
export function verifyCanary(input: CanaryCheck): CanaryVerdict {
  if (input.headerValues.length !== 1) return { ok: false, reason: "MALFORMED", detail: `${input.headerValues.length} ${CANARY_HEADER} headers (exactly one is signed)` };
  const parsed = parse(input.headerValues[0]!);
  if (typeof parsed === "string") return { ok: false, reason: "MALFORMED", detail: parsed };
  const { claim, sig } = parsed;
  // The MAC first: what an unauthenticated claim says about events or time is not worth reporting.
  const known = input.keys.some((k) => {
    const expected = mac(k, claim);
    return expected.length === sig.length && timingSafeEqual(expected, sig);
  });
  if (!known) return { ok: false, reason: "FORGED", detail: "the signature does not match the canary key" };
  if (claim.event !== input.slug) return { ok: false, reason: "WRONG_EVENT", detail: `signed for event ${claim.event}, not ${input.slug}` };
  if (!input.recipients.includes(claim.to)) return { ok: false, reason: "WRONG_EVENT", detail: `signed for ${claim.to}, delivered to ${input.recipients.join(", ")}` };
  const age = Math.floor(input.receivedAt.getTime() / 1000) - claim.t;
  const maxAge = input.maxAgeSeconds ?? CANARY_MAX_AGE_SECONDS;
  if (age > maxAge) return { ok: false, reason: "STALE", detail: `signed ${age} s before SES received it (at most ${maxAge} s): a replay or a stuck mail` };
  if (age < -CANARY_MAX_SKEW_SECONDS) return { ok: false, reason: "FROM_FUTURE", detail: `signed ${-age} s after SES received it` };
  return { ok: true, claim, ageSeconds: Math.max(0, age) };
}

/** The canary header's values among a mail's headers (names compare case-insensitively). */
export function canaryHeaderValues(headers: readonly { readonly name: string; readonly value: string }[]): string[] {
  const name = CANARY_HEADER.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
}
