/**
 * Contracts of the mail-to-alert function with the outside world. The event stack produces
 * `FunctionRuntimeConfig` (environment variable EVENT_CONFIG, JSON; defined by its schema in
 * runtime-config-schema.ts); the OnCall integration's Jinja2 templates (stacks/oncall) read
 * `AlertPayload`. Change both sides together.
 */

/**
 * Environment variable holding the JSON `FunctionRuntimeConfig` (local runs, and configs holding
 * Terraform references, which only the environment resolves).
 */
export const ENV_EVENT_CONFIG = "EVENT_CONFIG";
/**
 * Where the deployed function finds its runtime config instead: a JSON file of its config layer,
 * read once per cold start. Lambda's environment holds 4 KB; hundreds of customers do not fit.
 */
export const ENV_EVENT_CONFIG_FILE = "EVENT_CONFIG_FILE";
/** SHA-256 (hex) of that file: the function refuses a file that is not the one the stack wrote. */
export const ENV_EVENT_CONFIG_SHA256 = "EVENT_CONFIG_SHA256";
/** Path of the runtime config inside the config layer's zip; layers are extracted under /opt. */
export const RUNTIME_CONFIG_LAYER_PATH = "email-to-oncall/runtime-config.json";
/** Environment variable naming the SSM SecureString parameter that holds the integration URL. */
export const ENV_URL_PARAMETER = "ONCALL_URL_PARAMETER";
/**
 * The SSM SecureString of the notify lane's own OnCall integration: low-urgency alerts (which an
 * outsider can cause, e.g. with an unverified spoof) spend that integration's rate budget, never
 * the paging one's. Optional: without it the notify lane posts to the paging integration.
 */
export const ENV_NOTIFY_URL_PARAMETER = "ONCALL_NOTIFY_URL_PARAMETER";
/** URL of the event's own dead-letter queue, where the function puts permanently failed events itself. */
export const ENV_DEAD_LETTER_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
/**
 * The SSM SecureString of the event's canary key (HMAC): with it the function recognises its signed
 * canary (counted, never paged) and drops and counts forged or replayed ones. Optional.
 */
export const ENV_CANARY_KEY_PARAMETER = "CANARY_KEY_PARAMETER";
/** "1": ping the OnCall integration's heartbeat (`<integration link>heartbeat/`) on each valid canary. */
export const ENV_ONCALL_HEARTBEAT = "ONCALL_HEARTBEAT";
/**
 * The event's reply queue (functions/reply-sender reads it): after a successful page the function
 * enqueues a reply request there. Unset: no reply is queued, whatever the config says.
 */
export const ENV_REPLY_QUEUE_URL = "REPLY_QUEUE_URL";
/**
 * The SSM SecureString of the event's reply-context key (HMAC): the function signs the `reply` it puts
 * into a paged alert, and the status function sends a status mail only for a context it can verify.
 * Unset (or unreadable): alerts carry no `reply`, so their groups get no status mail. Optional.
 */
export const ENV_REPLY_KEY_PARAMETER = "REPLY_KEY_PARAMETER";
/** Local runs only (preview/local server): the integration URL itself, overriding the parameter. */
export const ENV_URL_DIRECT = "ONCALL_URL";

// The runtime config has one definition, its schema; its types are derived from it there.
export type { CustomerConfig, FunctionRuntimeConfig, LanePolicy, RelayConfig, ReplySettings, TrustedSenders } from "./runtime-config-schema";

/**
 * Mail services anyone can sign up to: a listed `cto.acme@gmail.com` names one person, not an
 * organisation, so its domain makes nobody a colleague (found in review: every authenticated
 * gmail.com user would have reached the notify lane).
 * Shared with the stacks: synth refuses such a domain as a trusted domain (found in review).
 */
export const SHARED_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com",
  "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru",
  "mail.ru", "qq.com", "163.com", "126.com", "fastmail.com", "tutanota.com", "hey.com", "orange.fr", "free.fr", "laposte.net", "t-online.de",
]);

export type AuthStatus = "PASS" | "FAIL" | "GRAY" | "PROCESSING_FAILED" | "DISABLED";

/** JSON body POSTed to the OnCall `webhook` integration. Templates address it as `payload.<field>`. */
export interface AlertPayload {
  readonly version: 1;
  readonly event: { readonly slug: string; readonly title: string; readonly customer: string };
  /**
   * The customer the sender belongs to (or whose alias was written to), when the line serves
   * customers and one was recognised; absent for the event's own trusted senders.
   */
  readonly customer?: { readonly slug: string; readonly name: string; readonly tier: string };
  /** The customer's notes for responders (account manager, runbook link, SLA, free text); absent when none. */
  readonly notes?: { readonly account_manager?: string; readonly runbook?: string; readonly sla?: string; readonly text?: string };
  /**
   * "page": authenticated trusted sender, the event's escalation. "notify": low urgency, routed to
   * the notify chain (never a phone call or SMS), grouped apart from authenticated alert groups and
   * never resolving one.
   */
  readonly lane: "page" | "notify";
  /** Reason code of the decision (docs/trust.md lists them). */
  readonly reason: string;
  /** Grouping key: stable per mail thread, identical for a duplicate delivery. */
  readonly alert_uid: string;
  /** Ready-made title: subject (or a placeholder) and who sent it. */
  readonly title: string;
  /** Body as readable plain text, already trimmed/truncated, with a header block. */
  readonly message: string;
  readonly subject: string;
  readonly from: { readonly address: string; readonly name: string };
  readonly to: readonly string[];
  readonly cc: readonly string[];
  /** Envelope recipients (RCPT TO) that matched the event. */
  readonly recipients: readonly string[];
  /** ISO-8601 date of the mail (Date header, else SES timestamp). */
  readonly date: string;
  readonly message_id: string;
  readonly attachments: readonly { readonly filename: string; readonly content_type: string; readonly size: number }[];
  readonly auth: {
    readonly spf: AuthStatus;
    readonly dkim: AuthStatus;
    readonly dmarc: AuthStatus;
    readonly spam: AuthStatus;
    readonly virus: AuthStatus;
    /** False when SES did not authenticate the sender's domain and the alert is marked UNVERIFIED. */
    readonly verified: boolean;
    /** How the sender was authenticated, in words (e.g. "DMARC pass for acme-shop.example"). */
    readonly detail: string;
  };
  /**
   * Flags for responders: UNVERIFIED, OUTSIDE_WINDOW, NOTIFY (low urgency lane), RELAYED (came
   * through a forwarding group), PARSE_FAILED, TRUNCATED (the body, or lists and names, were cut to fit),
   * RENDER_FALLBACK (the HTML could not be converted; the body is a plain extraction).
   */
  readonly markers: readonly ("UNVERIFIED" | "OUTSIDE_WINDOW" | "NOTIFY" | "RELAYED" | "PARSE_FAILED" | "TRUNCATED" | "RENDER_FALLBACK")[];
  /** Where the raw mail is (S3 console URL or presigned URL). */
  readonly raw_mail_url: string;
  /**
   * "alerting", or "ok" when an authenticated trusted sender resolves the thread (subject starts
   * with "[resolved]" or "resolved:"). Always "alerting" in the notify lane.
   */
  readonly state: "alerting" | "ok";
  /**
   * Where the status mails of this alert group go (the status function reads it from the
   * `alert_payload` of OnCall's outgoing webhooks). Present only when the mail got an
   * acknowledgement decision (page lane, replies on, a human's authenticated mail).
   */
  readonly reply?: ReplyContext;
}

/** The thread a status mail joins: who wrote, to which event address, in which language. */
export interface ReplyContext {
  /** The event address the customer wrote to: the From of every reply. */
  readonly from: string;
  /** The authenticated sender. */
  readonly to: string;
  readonly cc: readonly string[];
  readonly language: string;
  /** The customer's References (their Message-ID is `message_id`). */
  readonly references: readonly string[];
  /** The short reference quoted in replies. */
  readonly reference: string;
  /**
   * HMAC of these fields with the subject, message_id, alert_uid and event slug
   * (reply/reply-signature.ts), keyed by the event's reply-context key: the status function sends
   * nothing for a context it cannot verify (a forged alert or webhook).
   */
  readonly sig?: string;
}
