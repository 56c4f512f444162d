import { automatedSignal, relaySignal } from "../automated";
import { decide, Decision, DecisionInput } from "../decide";
import type { ReplySettings } from "../contract";
import { domainOf, normalizeAddress } from "../sender-identity";

/**
 * Whether a mail gets a reply, and why: a pure decision next to `decide`, made on the same input.
 * The stateful rules (one reply per mail across retries and duplicates, one per thread per
 * interval) are the reply sender's (./send-once.ts), which adds REPLY_SENT, NO_REPLY_DUPLICATE and
 * NO_REPLY_RATE_LIMITED. RFC 3834: never answer automated, list or bounce mail; answer only the
 * sender SES authenticated (never Reply-To, which anyone can write), so a reply is never backscatter.
 */
export const REPLY_REASONS = ["REPLY_ACKNOWLEDGE", "REPLY_OUTSIDE_WINDOW"] as const;
export const NO_REPLY_REASONS = [
  "NO_REPLY_DISABLED",
  "NO_REPLY_DROPPED",
  "NO_REPLY_NOTIFY",
  "NO_REPLY_NOT_DELIVERED",
  "NO_REPLY_UNVERIFIED",
  "NO_REPLY_BOUNCE",
  "NO_REPLY_AUTOMATED",
  "NO_REPLY_LIST",
  "NO_REPLY_NOREPLY_SENDER",
  "NO_REPLY_LOOP",
  "NO_REPLY_NO_EVENT_ADDRESS",
] as const;
export type ReplyReason = (typeof REPLY_REASONS)[number];
export type NoReplyReason = (typeof NO_REPLY_REASONS)[number];

export type ReplyDecision =
  | {
      readonly reply: true;
      readonly reason: ReplyReason;
      readonly kind: "acknowledgement" | "outside-window";
      /** Outside-window replies: the mail paged all the same. */
      readonly paged: boolean;
      readonly from: string;
      readonly to: string;
      readonly detail: string;
    }
  | { readonly reply: false; readonly reason: NoReplyReason; readonly detail: string };

export interface ReplyDecisionInput {
  /** What `decide` was given. */
  readonly input: DecisionInput;
  /** What `decide` said. */
  readonly decision: Decision;
  /** The alert reached OnCall (a page that was dead-lettered gets no acknowledgement). */
  readonly delivered: boolean;
  /** The event's replies block; absent: replies are off. */
  readonly settings?: ReplySettings;
}

/** Senders that say "do not answer": a reply to them bounces or lands in a void. */
const NOREPLY_LOCAL = /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply[-_.+].*|bounces?(?:[-_.+].*)?|mailer[-_.]?daemon|postmaster|mail[-_.]?daemon|notifications?[-_.]?noreply)$/i;

function localPart(address: string): string {
  const a = normalizeAddress(address.replace(/^<|>$/g, ""));
  const at = a.lastIndexOf("@");
  return at < 0 ? a : a.slice(0, at);
}

function outsideWindow(input: DecisionInput): boolean {
  const t = input.receivedAt.getTime();
  return t < Date.parse(input.config.window.start) || t >= Date.parse(input.config.window.end);
}

type Candidate = { kind: "acknowledgement" | "outside-window"; paged: boolean; sender: { address: string }; verified: boolean };

/**
 * Which reply the lane allows: the acknowledgement of a delivered page; outside the window (when
 * the event says so), the honest closed-line reply to a trusted, authenticated mail whatever the
 * lane policy did with it: paged anyway, notified, or dropped.
 */
function candidate({ input, decision, delivered, settings }: ReplyDecisionInput & { settings: ReplySettings }): Candidate | { reason: NoReplyReason; detail: string } {
  if (settings.outsideWindow && outsideWindow(input)) {
    if (decision.action === "page" && delivered) return { kind: "outside-window", paged: true, sender: decision.sender, verified: decision.verified };
    if (decision.action === "notify" && decision.reason === "OUTSIDE_WINDOW") return { kind: "outside-window", paged: false, sender: decision.sender, verified: decision.verified };
    if (decision.action === "drop" && decision.reason === "OUTSIDE_WINDOW_DROPPED") {
      // The drop says nothing of who wrote: decide again as if the policy notified, which gives
      // OUTSIDE_WINDOW only for a listed sender SES authenticated (any doubt keeps its own reason).
      const probe = decide({ ...input, config: { ...input.config, policy: { ...input.config.policy, outsideWindow: "notify" } } });
      if (probe.action === "notify" && probe.reason === "OUTSIDE_WINDOW") return { kind: "outside-window", paged: false, sender: probe.sender, verified: probe.verified };
      return { reason: "NO_REPLY_DROPPED", detail: `outside the window, and not a trusted authenticated mail (${probe.reason})` };
    }
  }
  if (decision.action === "drop") return { reason: "NO_REPLY_DROPPED", detail: `the mail was dropped (${decision.reason}): no reply, no backscatter` };
  if (decision.action === "notify") return { reason: "NO_REPLY_NOTIFY", detail: `notify lane (${decision.reason}): only a page is acknowledged` };
  if (!delivered) return { reason: "NO_REPLY_NOT_DELIVERED", detail: "the page did not reach OnCall: nothing to acknowledge yet" };
  return { kind: "acknowledgement", paged: true, sender: decision.sender, verified: decision.verified };
}

/** Reply or not, with a reason code (REPLY_* / NO_REPLY_*). Pure: the same input decides the same. */
export function decideReply(args: ReplyDecisionInput): ReplyDecision {
  const { input, settings } = args;
  if (!settings) return { reply: false, reason: "NO_REPLY_DISABLED", detail: "replies are off for this event" };
  const c = candidate({ ...args, settings });
  if ("reason" in c) return { reply: false, ...c };
  const no = (reason: NoReplyReason, detail: string): ReplyDecision => ({ reply: false, reason, detail });
  if (!c.verified) return no("NO_REPLY_UNVERIFIED", "SES did not authenticate the sender: a reply could go to a spoofed address");
  const { facts } = input;
  const envelope = input.envelope.mailFrom.trim();
  if (envelope === "" || envelope === "<>" || facts.returnPath?.replace(/\s/g, "") === "<>") return no("NO_REPLY_BOUNCE", "null envelope sender (a bounce or report)");
  // Doubtful signs too (bulk headers, an auto-reply subject): answering a machine starts a loop.
  const automated = automatedSignal(facts, envelope);
  if (automated) return no("NO_REPLY_AUTOMATED", `automated mail (${automated.detail})`);
  const list = relaySignal(facts) ?? [...facts.present].find((h) => h.startsWith("list-"));
  if (list) return no("NO_REPLY_LIST", `list or group mail (${list}): a reply could reach the list`);
  const to = normalizeAddress(c.sender.address);
  if (NOREPLY_LOCAL.test(localPart(to)) || NOREPLY_LOCAL.test(localPart(envelope))) return no("NO_REPLY_NOREPLY_SENDER", `the sender (${to}) does not take replies`);
  const own = input.config.addresses.map((a) => a.toLowerCase());
  const ownDomains = new Set(own.map(domainOf));
  if (own.includes(to) || ownDomains.has(domainOf(to))) return no("NO_REPLY_LOOP", `the sender ${to} is on the event's own mail domain`);
  const from = input.envelope.recipients.map((r) => r.toLowerCase()).find((r) => own.includes(r));
  if (!from) return no("NO_REPLY_NO_EVENT_ADDRESS", "no envelope recipient is an event address");
  const reason: ReplyReason = c.kind === "acknowledgement" ? "REPLY_ACKNOWLEDGE" : "REPLY_OUTSIDE_WINDOW";
  const detail = c.kind === "acknowledgement" ? `acknowledge the page to ${to}` : `tell ${to} the line is closed${c.paged ? " (paged all the same)" : ""}`;
  return { reply: true, reason, kind: c.kind, paged: c.paged, from, to, detail };
}
