import type { AlertPayload, ReplyContext } from "../mail-to-alert/contract";
import { replySignatureValid } from "../mail-to-alert/reply/reply-signature";
import { normalizeAddress } from "../mail-to-alert/sender-identity";
import { trustOf } from "../mail-to-alert/trusted-senders";
import type { ReplyKind, ReplyRequest } from "../reply-sender/contract";
import type { StatusConfig } from "./contract";

/** The OnCall outgoing-webhook triggers that become a status mail. */
const KINDS: Readonly<Record<string, Extract<ReplyKind, "acknowledged" | "resolved" | "unresolved">>> = { acknowledge: "acknowledged", resolve: "resolved", unresolve: "unresolved" };
/** Clock skew tolerated for an event.time in the future. */
const FUTURE_SKEW_MS = 5 * 60_000;

export type StatusResult =
  | { readonly ok: true; readonly request: ReplyRequest }
  | { readonly ok: false; readonly reason: "NOT_A_STATUS_EVENT" | "STALE_EVENT" | "MALFORMED" | "NOT_THIS_EVENT" | "NO_REPLY_THREAD" | "UNSIGNED_REPLY_CONTEXT" | "RECIPIENT_NOT_TRUSTED"; readonly detail: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** A person's first name from OnCall's user (username, else the e-mail's local part): `alice.smith` -> `Alice`. */
export function firstName(user: unknown): string | undefined {
  if (!isObject(user)) return undefined;
  const raw = str(user.username) ?? str(user.email)?.split("@")[0];
  const first = raw?.split(/[\s._+-]+/).find((p) => /\p{L}/u.test(p));
  if (!first) return undefined;
  const clean = first.replace(/[^\p{L}\p{N}'-]/gu, "").slice(0, 40);
  return clean ? clean[0]!.toUpperCase() + clean.slice(1) : undefined;
}

/**
 * An OnCall outgoing-webhook payload (acknowledge, resolve, unresolve) as the status mail to queue,
 * or why not. Pure. Reads our own AlertPayload from `alert_payload` (the group's first alert as
 * we posted it); refuses a stale event (a replay), one for another event, and a recipient that is
 * not a trusted sender (an alert someone posted with the integration URL cannot aim mail anywhere).
 * The reply context and the subject are used only once `reply.sig` verifies with one of
 * `replyKeys` (current first): without it, whoever holds the integration URL or one webhook POST
 * could send mail from the real line with a subject and reference of their choosing.
 */
export function statusRequestFor(webhook: unknown, config: StatusConfig, now: number, replyKeys: readonly string[]): StatusResult {
  const bad = (reason: Exclude<StatusResult, { ok: true }>["reason"], detail: string): StatusResult => ({ ok: false, reason, detail });
  if (!isObject(webhook) || !isObject(webhook.event)) return bad("MALFORMED", "no event object");
  const type = str(webhook.event.type);
  const kind = type && Object.hasOwn(KINDS, type) ? KINDS[type] : undefined;
  if (!kind) return bad("NOT_A_STATUS_EVENT", `event type ${type ?? "(none)"} sends no status mail`);
  const group = isObject(webhook.alert_group) ? webhook.alert_group : {};
  // OnCall sets event.time for acknowledge and resolve; unresolve has none (idempotency covers its replays).
  const timeText = str(webhook.event.time) ?? (kind === "unresolved" ? undefined : kind === "acknowledged" ? str(group.acknowledged_at) : str(group.resolved_at));
  const at = timeText ? Date.parse(timeText) : kind === "unresolved" ? now : NaN;
  if (Number.isNaN(at)) return bad("STALE_EVENT", `event.time missing or not a time (${timeText ?? "none"})`);
  if (now - at > config.maxAgeSeconds * 1000) return bad("STALE_EVENT", `event.time ${timeText} is older than ${config.maxAgeSeconds} s`);
  if (at - now > FUTURE_SKEW_MS) return bad("STALE_EVENT", `event.time ${timeText} is in the future`);
  const groupId = str(webhook.alert_group_id) ?? str(group.id);
  if (!groupId || !/^[A-Za-z0-9_-]{1,64}$/.test(groupId)) return bad("MALFORMED", "no alert_group_id");

  let payload: unknown = webhook.alert_payload;
  if (typeof payload === "string") {
    try {
      payload = JSON.parse(payload);
    } catch {
      return bad("MALFORMED", "alert_payload is not JSON");
    }
  }
  if (!isObject(payload) || payload.version !== 1) return bad("MALFORMED", "alert_payload is not ours (version 1)");
  const alert = payload as unknown as AlertPayload;
  if (!isObject(alert.event) || alert.event.slug !== config.slug) return bad("NOT_THIS_EVENT", `alert_payload is for ${String((alert.event as { slug?: unknown } | undefined)?.slug)}, not ${config.slug}`);
  const reply = alert.reply;
  if (alert.lane !== "page" || !isObject(reply)) return bad("NO_REPLY_THREAD", "the alert got no acknowledgement (not the page lane, or replies were off): no status mails either");
  // Before any field of the context is read: what fails here was not written by our mail function.
  if (!replySignatureValid({ ...alert, reply: reply as ReplyContext, event: { slug: config.slug } }, replyKeys)) return bad("UNSIGNED_REPLY_CONTEXT", reply.sig === undefined ? "reply.sig is missing" : "reply.sig does not verify (forged, altered, or signed with a key since rotated)");
  const from = str(reply.from)?.toLowerCase();
  const to = str(reply.to) ? normalizeAddress(reply.to) : undefined;
  if (!from || !config.addresses.includes(from)) return bad("NOT_THIS_EVENT", `reply.from ${String(reply.from)} is not an address of this event`);
  // Listed only: a colleague's mail takes the notify lane and is never acknowledged, so a payload naming one is forged.
  if (!to || trustOf(to, { ...config.trustedSenders, relays: [] }) !== "listed") return bad("RECIPIENT_NOT_TRUSTED", "the alert's sender is not a trusted sender of this event");
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").slice(0, 20) : []);
  // Only configured contacts: a cc the payload names but the config does not is a stranger (spam relay).
  // As the acknowledgement did (reply-customer.ts): a customer's sender gets the customer's own
  // contacts and nobody else; the event's own senders the event's contacts. Never another customer's.
  const own = (config.customerContacts ?? []).filter((c) => trustOf(to, { ...c.trustedSenders, relays: [] }) === "listed");
  const contacts = new Set((own.length > 0 ? own.flatMap((c) => c.contacts) : (config.contacts ?? [])).map(normalizeAddress));
  const cc = [...new Set(list(reply.cc).map(normalizeAddress))].filter((a) => contacts.has(a));
  return {
    ok: true,
    request: {
      version: 1,
      kind,
      onceKey: `status:${groupId}:${kind}`,
      from,
      to,
      cc,
      language: str(reply.language) ?? "en",
      subject: typeof alert.subject === "string" ? alert.subject.slice(0, 900) : "",
      messageId: str(alert.message_id),
      references: list(reply.references),
      reference: str(reply.reference)?.slice(0, 64) ?? groupId,
      at: new Date(at).toISOString(),
      ...(kind === "acknowledged" && firstName(webhook.user) ? { by: firstName(webhook.user) } : {}),
      event: { title: config.title, customer: config.customer, timeZone: config.window.timeZone, window: { start: config.window.start, end: config.window.end } },
      phone: config.phone,
    },
  };
}
