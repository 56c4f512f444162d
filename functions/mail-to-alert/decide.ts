import { authenticateDomain, dkimVouchedDomain, DomainAuthentication } from "./authentication";
import { automatedSignal, relaySignal } from "./automated";
import type { FunctionRuntimeConfig } from "./contract";
import type { MailFacts } from "./mail-facts";
import { ArcVerdict, originalSender, relayOf } from "./relay";
import type { Mailbox } from "./sender-identity";
import { domainOf } from "./sender-identity";
import { SES_SETUP_NOTIFICATION_ID, Verdicts } from "./ses-event-reader";
import { claimsTrusted, trustOf } from "./trusted-senders";
import { allTrustedSenders, CustomerMatch, identifyCustomer } from "./customer-identification";

/**
 * The three lanes. `page`: an authenticated trusted sender, the event's escalation. `notify`: low
 * urgency (never a phone call or SMS; its own alert groups, which it can never resolve). `drop`:
 * nothing is sent; the drop is logged and counted with its reason.
 */
export type Lane = "page" | "notify" | "drop";

/** Reason codes: CloudWatch dimension values and the words of docs/trust.md. Keep the set small and stable. */
export const PAGE_REASONS = ["TRUSTED_SENDER", "TRUSTED_VIA_RELAY"] as const;
export const NOTIFY_REASONS = ["UNVERIFIED", "UNLISTED_COLLEAGUE", "AUTOMATED_DOUBTFUL", "OUTSIDE_WINDOW"] as const;
export const DROP_REASONS = [
  "MALFORMED_EVENT",
  "SES_SETUP_NOTIFICATION",
  "NOT_FOR_THIS_EVENT",
  "VIRUS",
  "SPAM",
  "FROM_AMBIGUOUS",
  "FROM_NOT_AUTHENTICATED",
  "DMARC_FAIL",
  "SPF_AND_DKIM_FAIL",
  "RELAY_NOT_VALIDATED",
  "AUTOMATED",
  "SENDER_NOT_TRUSTED",
  "UNVERIFIED_DROPPED",
  "UNLISTED_COLLEAGUE_DROPPED",
  "OUTSIDE_WINDOW_DROPPED",
  "CANARY_REJECTED",
] as const;
export type PageReason = (typeof PAGE_REASONS)[number];
export type NotifyReason = (typeof NOTIFY_REASONS)[number];
export type DropReason = (typeof DROP_REASONS)[number];

export type DecisionMarker = "UNVERIFIED" | "OUTSIDE_WINDOW" | "NOTIFY" | "RELAYED";

interface Common {
  readonly detail: string;
  /**
   * The From (any parser's reading, or the relay's claimed original) names a trusted sender or a
   * declared relay. A drop of such a mail is counted as TrustedMailDropped and alarms.
   */
  readonly claimsTrusted: boolean;
}

export type Decision =
  | (Common & {
      readonly action: "drop";
      readonly reason: DropReason;
      /** Only the declared relay's ARC seal can settle this mail: verify it (`relay.sealer`) and decide again. */
      readonly needsArc?: { readonly sealer: string };
    })
  | (Common & {
      readonly action: "page" | "notify";
      readonly reason: PageReason | NotifyReason;
      readonly markers: readonly DecisionMarker[];
      /** SES (or the declared relay's ARC seal) authenticated the sender's domain. */
      readonly verified: boolean;
      /** Who wrote: the From mailbox, or the original sender a relay vouched for. */
      readonly sender: Mailbox;
      /** The customer the sender (or the alias written to) belongs to; none for the event's own senders. */
      readonly customer?: CustomerMatch;
    });

export type AlertDecision = Extract<Decision, { action: "page" | "notify" }>;

export interface DecisionInput {
  readonly facts: MailFacts;
  readonly verdicts: Verdicts;
  readonly envelope: {
    /** Envelope RCPT TO (lower-case). */
    readonly recipients: readonly string[];
    /** Envelope MAIL FROM ("" for the null sender). */
    readonly mailFrom: string;
    /** SES message id. */
    readonly messageId: string;
  };
  readonly config: FunctionRuntimeConfig;
  /** When SES received the mail: retries of the same event must decide the same way. */
  readonly receivedAt: Date;
  /** The ARC verdict of the raw mail, when a declared relay is involved (see `relayOf`). */
  readonly arc?: ArcVerdict;
}

/**
 * Page, notify or drop, and why. Pure: same input, same decision (retries of an SES event decide
 * identically). Order: SES's cheap verdicts, then who wrote (one unambiguous From, or the original
 * sender a declared relay sealed), then whether SES authenticated exactly that sender, then loops,
 * then the trust list, then the window. Fail closed for trust: a mail whose authenticated identity
 * is not the trusted one never pages.
 */
export function decide(input: DecisionInput): Decision {
  const { facts, verdicts, envelope, config } = input;
  // The event's own trusted senders and every customer's: one list, indexed once per config.
  const trusted = allTrustedSenders(config);
  let claims = claimsTrusted(facts.fromCandidates, trusted);
  const drop = (reason: DropReason, detail: string): Extract<Decision, { action: "drop" }> => ({ action: "drop", reason, detail, claimsTrusted: claims });

  if (envelope.messageId === SES_SETUP_NOTIFICATION_ID) return { action: "drop", reason: "SES_SETUP_NOTIFICATION", detail: "SES setup notification", claimsTrusted: false };
  if (!envelope.recipients.some((r) => config.addresses.includes(r.toLowerCase()))) {
    return { action: "drop", reason: "NOT_FOR_THIS_EVENT", detail: `envelope recipients do not include ${config.addresses.join(", ")}`, claimsTrusted: false };
  }
  if (verdicts.virus === "FAIL") return drop("VIRUS", "SES virus scan FAIL");
  if (verdicts.spam === "FAIL") return drop("SPAM", "SES spam verdict FAIL");
  if (!facts.identity.ok) return drop("FROM_AMBIGUOUS", facts.identity.problem);

  // Who wrote, and was exactly that sender authenticated?
  const from = facts.identity;
  const relay = relayOf(facts, trusted);
  let sender: Mailbox = from.mailbox;
  let auth: DomainAuthentication = authenticateDomain(from.domain, facts.sesAuth, verdicts, envelope.mailFrom, facts.dkimSignatures);
  let viaRelay = false;
  // A list that kept From and whose mail SES authenticated directly needs no ARC: it is direct mail.
  if (relay && !(relay.via === "list-post" && auth.verified)) {
    const original = originalSender(facts, relay, input.arc);
    // Through a relay, the mail claims whom the relay's headers name, not the relay itself: a
    // stranger posting to a public group is a stranger, not a trusted sender's lost mail.
    claims = claimsTrusted(original.ok ? [original.sender.address] : original.claimed, trusted);
    if (!original.ok) {
      const d = drop("RELAY_NOT_VALIDATED", original.detail);
      // ARC is checked only when it can change the outcome (never for strangers SES authenticated).
      return input.arc === undefined ? { ...d, needsArc: { sealer: relay.relay.sealer } } : d;
    }
    // The relay itself must be what SES authenticated: its From (relays that rewrite From) or a DKIM signature of its domain (lists that keep From).
    const relayDomain = domainOf(relay.relay.address);
    const relayVouched = relay.via === "from" ? auth.verified : dkimVouchedDomain(relayDomain, facts.sesAuth, verdicts, facts.dkimSignatures) !== undefined;
    if (!relayVouched) return drop("RELAY_NOT_VALIDATED", `relay ${relay.relay.address} itself is not authenticated by SES (${relay.via === "from" ? auth.detail : `no DKIM pass for ${relayDomain}`})`);
    sender = original.sender;
    auth = { verified: true, detail: original.detail };
    viaRelay = true;
  }
  if (!viaRelay) {
    if (auth.evaluatedOther !== undefined) return drop("FROM_NOT_AUTHENTICATED", auth.detail);
    if (verdicts.dmarc === "FAIL") return drop("DMARC_FAIL", `DMARC FAIL: the From domain ${from.domain} is spoofed (or a relay broke its signature; see docs/trust.md, relays)`);
    if (verdicts.spf === "FAIL" && verdicts.dkim === "FAIL") return drop("SPF_AND_DKIM_FAIL", "SPF and DKIM both FAIL");
  }

  const automated = automatedSignal(facts, envelope.mailFrom);
  if (automated?.sure) return drop("AUTOMATED", automated.detail);
  // The pipeline's own mail (its canary, DKIM-signed by SES for the mail domain) is never a sender:
  // a captured canary replayed without its unsigned canary headers must reach no lane (found in review).
  const senderDomain = domainOf(sender.address);
  const ownDomain = config.addresses.map(domainOf).find((d) => d !== "" && (senderDomain === d || senderDomain.endsWith(`.${d}`)));
  if (ownDomain !== undefined) return drop("SENDER_NOT_TRUSTED", `${sender.address} is on the event's own mail domain ${ownDomain} (the pipeline's own mail, such as its canary)`);
  const trust = trustOf(sender.address, trusted);
  if (trust === "stranger" || (trust === "colleague" && !auth.verified)) return drop("SENDER_NOT_TRUSTED", `${sender.address} is not a trusted address or domain`);

  // Listed or an authenticated colleague from here on; drops of listed senders' mail alarm (claims).
  const markers: DecisionMarker[] = [];
  const relayed = viaRelay ? `relayed by ${relay!.relay.address}` : relaySignal(facts);
  if (relayed) markers.push("RELAYED");
  const notes: string[] = [auth.detail];
  const customer = identifyCustomer(config, { sender: sender.address, recipients: envelope.recipients, relay: viaRelay ? relay!.relay.address : undefined });
  let notify: NotifyReason | undefined;
  if (trust === "colleague") {
    const of = customer ? ` (a colleague at ${customer.customer.name})` : "";
    const detail = `${sender.address}${of} is authenticated (${auth.detail}) but not on the trusted list`;
    if (config.policy.unlistedColleague === "drop") return drop("UNLISTED_COLLEAGUE_DROPPED", detail);
    notify = "UNLISTED_COLLEAGUE";
    notes[0] = detail;
  }
  if (!auth.verified) {
    if (config.policy.unverified === "drop") return drop("UNVERIFIED_DROPPED", auth.detail);
    markers.push("UNVERIFIED");
    notify ??= "UNVERIFIED";
  }
  if (automated) {
    notify ??= "AUTOMATED_DOUBTFUL";
    notes.push(`looks automated (${automated.detail})`);
  }
  const t = input.receivedAt.getTime();
  if (t < Date.parse(config.window.start) || t >= Date.parse(config.window.end)) {
    notes.push(`received ${input.receivedAt.toISOString()} outside the event window`);
    if (config.policy.outsideWindow === "drop") return drop("OUTSIDE_WINDOW_DROPPED", notes.join("; "));
    markers.push("OUTSIDE_WINDOW");
    if (config.policy.outsideWindow === "notify") notify ??= "OUTSIDE_WINDOW";
  }
  if (relayed && !viaRelay) notes.push(relayed);
  const action = notify ? "notify" : "page";
  return {
    action,
    reason: notify ?? (viaRelay ? "TRUSTED_VIA_RELAY" : "TRUSTED_SENDER"),
    detail: notes.join("; "),
    claimsTrusted: claims,
    markers: notify ? ["NOTIFY", ...markers] : markers,
    verified: auth.verified,
    sender,
    ...(customer ? { customer } : {}),
  };
}
