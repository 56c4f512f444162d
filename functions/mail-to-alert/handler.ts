import { bodyText } from "./body";
import { canaryHeaderValues, verifyCanary } from "./canary";
import type { FunctionRuntimeConfig } from "./contract";
import { relayOf, type ArcVerdict, type ArcVerifier } from "./relay";
import { mailauthArcVerifier } from "./arc-verifier";
import { Decision, decide, DecisionInput, DropReason } from "./decide";
import { deadLetterRecord, DeadLetterSink } from "./dead-letter";
import { DEFAULT_RETRY_POLICY, deliver, DeliveryError, describeNetworkError, isPermanent, Poster, RetryPolicy } from "./deliver";
import { factsFromHeaders, MailFacts, parseMailboxes } from "./mail-facts";
import { groupingKey, notifyGroupingKey, threadRoot } from "./grouping";
import { splitHeaderSection } from "./headers";
import { claimsTrusted } from "./trusted-senders";
import type { Logger } from "./log";
import { parseMail, ParseResult } from "./parse";
import { consoleObjectUrl } from "./raw-link";
import { fitAlert, MAX_PAYLOAD_BYTES } from "./fit";
import { renderAlert, Marker } from "./render";
import { MalformedEventError, readSesMessage, SesMessage } from "./ses-event-reader";
import { planReply, queueReply, ReplyQueue } from "./reply/reply-step";
import { replyCustomerOf } from "./reply/reply-customer";
import { replyContextOf } from "./reply/reply-request";
import { MIN_REPLY_KEY_LENGTH, signReply } from "./reply/reply-signature";

/** Where the raw mail lives (S3 in Lambda, a folder locally). Errors are transient: they must throw. */
export interface MailSource {
  get(key: string): Promise<Uint8Array>;
}

export interface HandlerDeps {
  readonly config: FunctionRuntimeConfig;
  /** Integration URL; resolved lazily (once per cold start by the caller's cache). */
  readonly integrationUrl: () => Promise<string>;
  /**
   * The notify lane's own integration URL (its own rate budget: a flood of low-urgency alerts must
   * not make OnCall refuse a page).
   * @default the notify lane posts to integrationUrl
   */
  readonly notifyIntegrationUrl?: () => Promise<string>;
  readonly mailSource: MailSource;
  readonly poster: Poster;
  /**
   * Takes events whose delivery failed permanently (a 403 does not heal in two minutes). Without
   * one, such a failure throws like a transient one: slower (Lambda's retries), but nothing is lost.
   */
  readonly deadLetters?: DeadLetterSink;
  readonly log: Logger;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly retryPolicy?: RetryPolicy;
  /**
   * Verifies ARC chains of mail through a declared relay.
   * @default mailauth with the system DNS resolver
   */
  readonly arcVerifier?: ArcVerifier;
  /**
   * The canary key(s), current first; `refresh` re-reads them (after a rotation a warm function
   * still holds the old key). Without it the canary header means nothing: such mail is decided like
   * any other (and a stranger's never pages).
   */
  readonly canaryKeys?: (refresh: boolean) => Promise<readonly string[]>;
  /**
   * Called on each valid canary: pings the OnCall integration's heartbeat. Its failure is logged
   * and counted (HeartbeatFailures), never thrown: the canary still counts.
   * @default no heartbeat
   */
  readonly heartbeat?: () => Promise<void>;
  /**
   * Where reply requests go (the event's reply queue). Without one no reply is queued; the
   * decision is still logged.
   */
  readonly replyQueue?: ReplyQueue;
  /**
   * The reply-context key (read once per cold start by the caller's cache) that signs the `reply`
   * a paged alert carries (reply/reply-signature.ts). Without it, or when it cannot be read in
   * time, the alert goes without `reply` (its group gets no status mail): logged and counted
   * (ReplyKeyUnavailable), never failing or holding up the page. `refresh` re-reads it: done in
   * the background after a page when the key is older than 5 minutes, so a rotated key is taken
   * up by warm functions too.
   * @default alerts carry no `reply`
   */
  readonly replyKey?: (refresh: boolean) => Promise<string>;
  /** @default 2000 ms: how long a page waits for the reply-context key before going without `reply`. */
  readonly replyKeyWaitMs?: number;
}

/** Lambda context subset: the deadline bounds delivery retries. */
export interface InvocationContext {
  readonly awsRequestId?: string;
  getRemainingTimeInMillis?(): number;
}

export type Outcome =
  | {
      /** A valid signed canary: counted (CanaryReceived), never paged. */
      readonly action: "canary";
      readonly reason: "CANARY_RECEIVED";
      readonly detail: string;
      readonly messageId: string;
      readonly ageSeconds: number;
    }
  | { readonly action: "drop"; readonly reason: string; readonly detail: string; readonly messageId?: string; readonly claimsTrusted?: boolean }
  | {
      readonly action: "page" | "notify";
      readonly reason: string;
      readonly detail: string;
      readonly messageId: string;
      readonly markers: readonly Marker[];
      readonly alertUid: string;
      readonly attempts: number;
    }
  | {
      /** Delivery failed permanently; the event is in the dead-letter queue (written by the handler). */
      readonly action: "dead-lettered";
      readonly reason: "PERMANENT_DELIVERY_FAILURE";
      readonly detail: string;
      readonly messageId: string;
      readonly lane: "page" | "notify";
      readonly alertUid: string;
      readonly attempts: number;
      readonly status: number;
    };

/** Margin left before the Lambda deadline so the failure is logged and thrown, not cut off. */
const DEADLINE_MARGIN_MS = 3000;
const NO_DEADLINE_MS = 120_000;

/** Canary nonces seen by this container, with the SES message that brought each (a retry is not a replay). */
const NONCES_KEPT = 1024;
/** A refused signature re-reads the key at most this often: a flood of forged canaries must not flood SSM. */
const KEY_REFRESH_MS = 60_000;

/** The signature's length is fixed: the alert is fitted with a placeholder of the same size, then signed. */
const SIG_PLACEHOLDER = "v1." + "0".repeat(43);
/** A warm function re-reads the reply-context key this often (after a page, never before it). */
const REPLY_KEY_TTL_MS = 5 * 60_000;

/** Drops that SES's verdicts alone settle: final even when SES's header copy was truncated. */
const VERDICT_DROPS: ReadonlySet<DropReason> = new Set(["SES_SETUP_NOTIFICATION", "NOT_FOR_THIS_EVENT", "VIRUS", "SPAM"]);

function receivedAt(message: SesMessage, now: number): Date {
  const t = Date.parse(message.mail.timestamp);
  return new Date(Number.isNaN(t) ? now : t);
}

function isoDate(raw: string | undefined, fallback: Date): string {
  const t = raw ? Date.parse(raw) : NaN;
  return new Date(Number.isNaN(t) ? fallback.getTime() : t).toISOString();
}

/**
 * SES event → decision → alert → delivery. Drops return normally (logged and counted); a read or
 * transient delivery failure throws so Lambda retries and finally dead-letters the event; a
 * permanent delivery failure is dead-lettered by the handler itself, which then returns.
 */
export function createHandler(deps: HandlerDeps) {
  const { config, log } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = deps.random ?? Math.random;
  const policy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;

  const arcVerifier = deps.arcVerifier ?? mailauthArcVerifier();
  const nonces = new Map<string, string>();
  let keyReadAt = Number.NEGATIVE_INFINITY;
  let replyKeyReadAt: number | undefined;

  /** A mail carrying the canary header: counted when valid, dropped and counted otherwise. Never paged. */
  const canary = async (values: readonly string[], message: SesMessage, at: Date): Promise<Outcome> => {
    const { mail, receipt } = message;
    const check = (keys: readonly string[]) => verifyCanary({ headerValues: values, keys, slug: config.slug, recipients: receipt.recipients.filter((r) => config.addresses.includes(r)), receivedAt: at });
    let verdict = check(await deps.canaryKeys!(false));
    // A warm function may hold the key from before a rotation: read it again before refusing, once a minute at most.
    if (!verdict.ok && verdict.reason === "FORGED" && now() - keyReadAt >= KEY_REFRESH_MS) {
      keyReadAt = now();
      verdict = check(await deps.canaryKeys!(true));
    }
    if (verdict.ok) {
      const seenWith = nonces.get(verdict.claim.nonce);
      if (seenWith === undefined || seenWith === mail.messageId) {
        if (nonces.size >= NONCES_KEPT) nonces.delete(nonces.keys().next().value!);
        nonces.set(verdict.claim.nonce, mail.messageId);
        log.info("canary received", { messageId: mail.messageId, to: verdict.claim.to, ageSeconds: verdict.ageSeconds });
        // Per address (and per event, rolled up in the same line): each address has its own canary-missing alarm.
        log.count("CanaryReceived", { Address: verdict.claim.to });
        if (deps.heartbeat) {
          try {
            await deps.heartbeat();
          } catch (e) {
            log.warn("OnCall heartbeat failed; the canary still counts", { messageId: mail.messageId, error: describeNetworkError(e) });
            log.count("HeartbeatFailures");
          }
        }
        return { action: "canary", reason: "CANARY_RECEIVED", detail: `signed canary for ${verdict.claim.to}, ${verdict.ageSeconds} s old`, messageId: mail.messageId, ageSeconds: verdict.ageSeconds };
      }
      verdict = { ok: false, reason: "STALE", detail: `nonce already received in SES message ${seenWith}: a replay` };
    }
    const from = factsFromHeaders(mail.headers, mail.commonHeaders);
    log.count("CanaryRejected");
    return dropped({ action: "drop", reason: "CANARY_REJECTED", detail: `${verdict.reason}: ${verdict.detail}`, claimsTrusted: claimsTrusted(from.fromCandidates, config.trustedSenders) }, from, mail.messageId);
  };

  // A drop gets no reply, except the honest "line closed" one when the event asks for it (decide-reply.ts).
  const droppedWithReply = async (decision: Extract<Decision, { action: "drop" }>, facts: MailFacts, input: DecisionInput): Promise<Outcome> => {
    const outcome = dropped(decision, facts, input.envelope.messageId);
    if (decision.reason !== "OUTSIDE_WINDOW_DROPPED") return outcome;
    const plan = planReply({ input, decision, facts, config, delivered: false, at: input.receivedAt, customer: replyCustomerOf(config, decision, input) });
    await queueReply(plan, deps.replyQueue, log, { messageId: input.envelope.messageId });
    return outcome;
  };

  /**
   * The reply-context key, or undefined (logged and counted) when there is none, it cannot be read,
   * or it takes longer than the wait: the page then goes without `reply` rather than fail or wait.
   */
  const replyKeyOrNone = async (ids: { messageId: string }): Promise<string | undefined> => {
    if (!deps.replyKey) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no key after ${deps.replyKeyWaitMs ?? 2000} ms`)), deps.replyKeyWaitMs ?? 2000);
      timer.unref?.();
    });
    try {
      replyKeyReadAt ??= now();
      const key = await Promise.race([deps.replyKey(false), timeout]);
      // Checked here, not at the first status webhook: a short key must not sign anything.
      if (key.length < MIN_REPLY_KEY_LENGTH) throw new Error(`the key is shorter than ${MIN_REPLY_KEY_LENGTH} characters`);
      return key;
    } catch (e) {
      log.error("reply-context key could not be read; the alert goes without reply (its group gets no status mail)", { ...ids, error: describeNetworkError(e) });
      log.count("ReplyKeyUnavailable");
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  const dropped = (decision: Extract<Decision, { action: "drop" }>, facts: MailFacts, messageId: string): Outcome => {
    const { reason, detail, claimsTrusted } = decision;
    const from = facts.identity.ok ? facts.identity.mailbox.address : facts.fromCandidates.join(", ");
    // A drop of a trusted sender's mail is logged at WARN and counted on its own metric, which alarms.
    (claimsTrusted ? log.warn : log.info)("mail dropped", { reason, detail, messageId, from, trustedSender: claimsTrusted });
    log.count("MailsDropped", { Reason: reason });
    if (claimsTrusted) log.count("TrustedMailDropped");
    return { action: "drop", reason, detail, messageId, claimsTrusted };
  };

  return async function handle(event: unknown, context?: InvocationContext): Promise<Outcome> {
    let message: SesMessage;
    try {
      message = readSesMessage(event);
    } catch (e) {
      if (!(e instanceof MalformedEventError)) throw e;
      log.error("not an SES receipt event", { detail: e.message });
      log.count("MailsDropped", { Reason: "MALFORMED_EVENT" });
      return { action: "drop", reason: "MALFORMED_EVENT", detail: e.message };
    }
    const { mail, receipt } = message;
    const at = receivedAt(message, now());
    const envelope = { recipients: receipt.recipients, mailFrom: mail.source, messageId: mail.messageId };
    const inputOf = (facts: MailFacts, arc?: ArcVerdict): DecisionInput => ({ facts, verdicts: receipt.verdicts, envelope, config, receivedAt: at, arc });
    const decideOn = (facts: MailFacts, arc?: ArcVerdict): Decision => decide(inputOf(facts, arc));
    const ids = { messageId: mail.messageId };

    // The canary is recognised before anything else: it must never page, and a forged one is counted.
    // Except on mail that claims a trusted sender or a declared relay: a customer cannot sign, so the
    // header must not turn their page into a drop or a "canary" (found in review); the trust rules
    // below decide such mail exactly as without the header.
    const canaryValues = deps.canaryKeys ? canaryHeaderValues(mail.headers) : [];
    const canaryFrom = canaryValues.length > 0 ? factsFromHeaders(mail.headers, mail.commonHeaders) : undefined;
    if (canaryFrom && (claimsTrusted(canaryFrom.fromCandidates, config.trustedSenders) || relayOf(canaryFrom, config.trustedSenders) !== undefined)) {
      log.warn("canary header on a trusted sender's mail: ignored, the mail is decided like any other", ids);
      log.count("CanaryRejected");
    } else if (canaryValues.length > 0) {
      try {
        return await canary(canaryValues, message, at);
      } catch (e) {
        log.error("canary key could not be read; failing so Lambda retries", { ...ids, error: describeNetworkError(e) });
        throw e;
      }
    }

    // Screen on what SES already told us: spam, viruses and strangers never get their body read.
    // A truncated header copy settles only verdict drops; a declared relay needs the raw mail's ARC chain.
    const sesFacts = factsFromHeaders(mail.headers, mail.commonHeaders);
    const screened = decideOn(sesFacts);
    const screenFinal = screened.action === "drop" && !screened.needsArc && (!mail.headersTruncated || VERDICT_DROPS.has(screened.reason));
    if (screened.action === "drop" && screenFinal) return droppedWithReply(screened, sesFacts, inputOf(sesFacts));

    const key = config.prefix + mail.messageId;
    let raw: Uint8Array;
    try {
      raw = await deps.mailSource.get(key);
    } catch (e) {
      log.error("raw mail could not be read; failing so Lambda retries", { ...ids, error: describeNetworkError(e) });
      throw e;
    }
    const parsed: ParseResult = await parseMail(raw);
    if (!parsed.ok) log.warn("mail could not be parsed; deciding on its raw headers", { ...ids, error: parsed.error });
    // The full raw headers (with SES's results on top, as SES stored them) are authoritative.
    const facts = parsed.ok ? factsFromHeaders(parsed.mail.headers, mail.commonHeaders, parsed.mail.partTypes) : factsFromHeaders(splitHeaderSection(raw), mail.commonHeaders);
    let arcVerdict: ArcVerdict | undefined;
    let decision = decideOn(facts);
    // Only when nothing but the declared relay's ARC seal can settle it (never for a stranger).
    if (decision.action === "drop" && decision.needsArc) {
      let arc: ArcVerdict;
      try {
        arc = await arcVerifier.verify(raw, decision.needsArc.sealer);
      } catch (e) {
        log.error("ARC verification failed; failing so Lambda retries", { ...ids, error: describeNetworkError(e) });
        throw e;
      }
      arcVerdict = arc;
      decision = decideOn(facts, arc);
    }
    if (decision.action === "drop") return droppedWithReply(decision, facts, inputOf(facts, arcVerdict));

    // Duplicate thread headers cannot be believed: the mail gets a group of its own (its SES id).
    const root = facts.threadHeadersAmbiguous ? `ses:${mail.messageId}` : threadRoot(facts, mail.messageId);
    const alertUid = decision.action === "page" ? groupingKey(config.slug, root) : notifyGroupingKey(config.slug, decision.reason, decision.sender.address);
    // Decided before delivery (as if it succeeds) so the alert carries the thread for status mails; queued only after.
    const replyInput = inputOf(facts, arcVerdict);
    const replyPlan = planReply({ input: replyInput, decision, facts, config, alertUid: decision.action === "page" ? alertUid : undefined, delivered: true, at: new Date(now()), customer: replyCustomerOf(config, decision, replyInput) });
    const rendered = renderAlert({
      config,
      decision,
      parseFailed: !parsed.ok,
      threadTrusted: !facts.threadHeadersAmbiguous,
      subject: facts.subject,
      from: decision.sender,
      to: parsed.ok ? parsed.mail.to : parseMailboxes(mail.commonHeaders.to ?? []).map((m) => m.address),
      cc: parsed.ok ? parsed.mail.cc : parseMailboxes(mail.commonHeaders.cc ?? []).map((m) => m.address),
      recipients: receipt.recipients.filter((r) => config.addresses.includes(r)),
      date: isoDate(facts.date, at),
      messageId: facts.messageId ?? mail.messageId,
      attachments: parsed.ok ? parsed.mail.attachments : [],
      body: parsed.ok
        ? bodyText(parsed.mail, facts.subject, config.bodyMaxChars)
        : { text: "", truncated: false, omittedChars: 0, trimmedQuotedLines: 0, trimmedSignature: false },
      verdicts: receipt.verdicts,
      alertUid,
      rawMailUrl: consoleObjectUrl(config.region, config.bucket, key),
    });
    // Status mails follow a page that got a reply (its acknowledgement, or the closed-line reply saying it paged).
    const replyKey = replyPlan.request && decision.action === "page" ? await replyKeyOrNone(ids) : undefined;
    const alert = replyPlan.request && replyKey !== undefined ? { ...rendered, reply: { ...replyContextOf(replyPlan.request), sig: SIG_PLACEHOLDER } } : rendered;
    // OnCall refuses a payload above 256 KB: an alert that does not fit would fail every retry.
    const fitted = fitAlert(alert, MAX_PAYLOAD_BYTES);
    if (fitted !== alert) log.warn("alert cut to fit the OnCall payload limit", { ...ids, maxBytes: MAX_PAYLOAD_BYTES });
    // Signed last, over the subject and ids as OnCall will hand them back (the fit may have cut them).
    const payload = fitted.reply && replyKey !== undefined ? signReply({ ...fitted, reply: fitted.reply }, replyKey) : fitted;

    try {
      const url = await (decision.action === "notify" && deps.notifyIntegrationUrl ? deps.notifyIntegrationUrl() : deps.integrationUrl());
      // The deadline is read after the URL: a slow SSM read (cold start) must not let the last
      // attempt start after the Lambda timeout.
      const remaining = context?.getRemainingTimeInMillis?.() ?? NO_DEADLINE_MS;
      const report = await deliver(deps.poster, url, payload, policy, { sleep, random, now, deadline: now() + remaining - DEADLINE_MARGIN_MS });
      log.info("alert delivered", { ...ids, lane: decision.action, reason: decision.reason, markers: payload.markers, alertUid, attempts: report.attempts, status: report.status, state: payload.state });
      log.count(decision.action === "page" ? "AlertsDelivered" : "NotificationsDelivered");
      // Never throws: a reply must not turn a delivered page into a retry (which would page again).
      await queueReply(replyPlan, deps.replyQueue, log, ids).catch(() => undefined);
      // After a rotation the status function believes only the new key: re-read it, in the background.
      if (deps.replyKey && replyKeyReadAt !== undefined && now() - replyKeyReadAt >= REPLY_KEY_TTL_MS) {
        replyKeyReadAt = now();
        deps.replyKey(true).catch(() => undefined);
      }
      return { action: decision.action, reason: decision.reason, detail: decision.detail, messageId: mail.messageId, markers: payload.markers, alertUid, attempts: report.attempts };
    } catch (e) {
      if (deps.deadLetters && isPermanent(e)) {
        // No retry can fix this: dead-letter now so the queue's alarm fires in seconds, not minutes.
        // A failed send throws: Lambda's retries and its own on-failure destination still hold the event.
        const record = deadLetterRecord(event, { status: e.lastStatus, attempts: e.attempts, alertUid, messageId: mail.messageId, at: new Date(now()).toISOString() }, context?.awsRequestId);
        try {
          await deps.deadLetters.send(record);
        } catch (sendError) {
          log.error("dead-letter send failed after a permanent delivery failure; failing so Lambda retries", { ...ids, alertUid, status: e.lastStatus, error: describeNetworkError(sendError) });
          log.count("DeliveryFailures");
          throw sendError;
        }
        log.error("alert delivery failed permanently; event dead-lettered", { ...ids, alertUid, status: e.lastStatus, attempts: e.attempts, fix: record.failure.reason });
        log.count("PermanentFailures");
        return { action: "dead-lettered", reason: "PERMANENT_DELIVERY_FAILURE", detail: record.failure.reason, messageId: mail.messageId, lane: decision.action, alertUid, attempts: e.attempts, status: e.lastStatus };
      }
      const fields = e instanceof DeliveryError ? { kind: e.kind, attempts: e.attempts, lastStatus: e.lastStatus, lastError: e.lastError } : { error: describeNetworkError(e) };
      log.error("alert delivery failed; failing so Lambda retries", { ...ids, alertUid, ...fields });
      log.count("DeliveryFailures");
      throw e;
    }
  };
}
