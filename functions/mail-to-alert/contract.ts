/**
 * Contracts of the mail-to-alert function with the outside world. The event stack produces
 * `FunctionRuntimeConfig` (environment variable EVENT_CONFIG, JSON); the OnCall integration's
 * Jinja2 templates (stacks/oncall) read `AlertPayload`. Change both sides together.
 */

/** Environment variable holding the JSON `FunctionRuntimeConfig`. */
export const ENV_EVENT_CONFIG = "EVENT_CONFIG";
/** Environment variable naming the SSM SecureString parameter that holds the integration URL. */
export const ENV_URL_PARAMETER = "ONCALL_URL_PARAMETER";
/** Local runs only (preview/local server): the integration URL itself, overriding the parameter. */
export const ENV_URL_DIRECT = "ONCALL_URL";

export interface FunctionRuntimeConfig {
  readonly slug: string;
  readonly title: string;
  readonly customer: string;
  /** Full lower-case event addresses (envelope recipients that belong to this event). */
  readonly addresses: readonly string[];
  /** Window as UTC ISO-8601 instants, plus the zone for display. */
  readonly window: { readonly start: string; readonly end: string; readonly timeZone: string };
  readonly trustedSenders: TrustedSenders;
  readonly policy: LanePolicy;
  readonly bodyMaxChars: number;
  readonly rawMailLink: "console" | "presigned";
  readonly bucket: string;
  /** Object key prefix of this event in the bucket, ending with "/". Key = prefix + mail.messageId. */
  readonly prefix: string;
  readonly region: string;
}

/**
 * Who may page. Addresses and domains are lower-case with no trailing dot; a domain written
 * `*.d` matches the subdomains of d (not d itself).
 */
export interface TrustedSenders {
  readonly addresses: readonly string[];
  readonly domains: readonly string[];
  /** Forwarding groups that rewrite From to their own address (see docs: relays). */
  readonly relays: readonly RelayConfig[];
}

/**
 * A relay (a forwarding group such as a Google Workspace group) that rewrites From to its own
 * address when the original sender's domain publishes a strict DMARC policy. The original sender
 * is recovered only from what `sealer` sealed with ARC (RFC 8617).
 */
export interface RelayConfig {
  /** The group's own address (lower-case): the rewritten From, or the List-Post address. */
  readonly address: string;
  /** ARC sealer domain whose seal is trusted for this relay (the d= of ARC-Seal), e.g. google.com. */
  readonly sealer: string;
}

/** Which lane the doubtful cases take. `page` is never offered for unverified mail: see docs/trust.md. */
export interface LanePolicy {
  readonly outsideWindow: "page" | "notify" | "drop";
  readonly unverified: "notify" | "drop";
  readonly unlistedColleague: "notify" | "drop";
}

export type AuthStatus = "PASS" | "FAIL" | "GRAY" | "PROCESSING_FAILED" | "DISABLED";

/** JSON body POSTed to the OnCall `webhook` integration. Templates address it as `payload.<field>`. */
export interface AlertPayload {
  readonly version: 1;
  readonly event: { readonly slug: string; readonly title: string; readonly customer: string };
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
   * through a forwarding group), PARSE_FAILED, TRUNCATED.
   */
  readonly markers: readonly ("UNVERIFIED" | "OUTSIDE_WINDOW" | "NOTIFY" | "RELAYED" | "PARSE_FAILED" | "TRUNCATED")[];
  /** Where the raw mail is (S3 console URL or presigned URL). */
  readonly raw_mail_url: string;
  /**
   * "alerting", or "ok" when an authenticated trusted sender resolves the thread (subject starts
   * with "[resolved]" or "resolved:"). Always "alerting" in the notify lane.
   */
  readonly state: "alerting" | "ok";
}
