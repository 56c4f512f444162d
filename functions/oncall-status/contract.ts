import type { FunctionRuntimeConfig } from "../mail-to-alert/contract";

/**
 * Contracts of the oncall-status function: the environment its construct sets
 * (lib/aws/status-endpoint.ts). No runtime dependencies: the library imports this file.
 */

/** JSON `StatusConfig`. */
export const ENV_STATUS_CONFIG = "STATUS_CONFIG";
/** SSM SecureString holding the shared secret OnCall sends in its Authorization header. */
export const ENV_STATUS_SECRET_PARAMETER = "STATUS_SECRET_PARAMETER";
/** The reply queue the status mails go on (the reply sender sends them once each). */
export const ENV_STATUS_REPLY_QUEUE_URL = "REPLY_QUEUE_URL";
/** With the mail function's config layer: the replay limit (the StatusConfig is derived from the layer's runtime config). */
export const ENV_STATUS_MAX_AGE_SECONDS = "STATUS_MAX_AGE_SECONDS";
/** Local runs only: the secret itself. */
export const ENV_STATUS_SECRET_DIRECT = "STATUS_SECRET";

/** What the status function needs to turn an OnCall webhook into a status mail. */
export interface StatusConfig {
  readonly slug: string;
  readonly title: string;
  readonly customer: string;
  /** The event's addresses: a status mail's From must be one. */
  readonly addresses: readonly string[];
  readonly window: { readonly start: string; readonly end: string; readonly timeZone: string };
  /** Who may get a status mail: the trusted senders (the alert's sender must be one). */
  readonly trustedSenders: { readonly addresses: readonly string[]; readonly domains: readonly string[] };
  /**
   * Who may be copied on any status mail: the event's `replies.cc` (lower-case). The
   * alert_payload's cc is kept only where it names a configured contact: the payload is whatever
   * was posted to the integration, so it must not choose recipients (found in review).
   */
  readonly contacts: readonly string[];
  /**
   * Each customer's contacts, copied only on status mails to that customer's own trusted senders
   * (one customer's incident desk must not read another's incidents).
   * @default none
   */
  readonly customerContacts?: readonly { readonly trustedSenders: { readonly addresses: readonly string[]; readonly domains: readonly string[] }; readonly contacts: readonly string[] }[];
  readonly phone: string;
  /** Webhooks whose event.time is older than this are refused (a replay). */
  readonly maxAgeSeconds: number;
}

/** Default replay limit: OnCall calls within seconds of the change; a quarter of an hour is generous. */
export const DEFAULT_STATUS_MAX_AGE_SECONDS = 900;

/** The status function's config, from the mail-to-alert function's (one source for the stack and the local tools). */
export function statusConfigOf(config: FunctionRuntimeConfig, maxAgeSeconds = DEFAULT_STATUS_MAX_AGE_SECONDS): StatusConfig {
  if (!config.replies) throw new Error(`${config.slug}: replies are off, so there are no status mails`);
  return {
    slug: config.slug,
    title: config.title,
    customer: config.customer,
    addresses: config.addresses,
    window: config.window,
    // The event's own senders and every customer's: a status mail goes to whoever may page.
    trustedSenders: {
      addresses: [...new Set([...config.trustedSenders.addresses, ...(config.customers ?? []).flatMap((c) => c.trustedSenders.addresses)])],
      domains: [...new Set([...config.trustedSenders.domains, ...(config.customers ?? []).flatMap((c) => c.trustedSenders.domains)])],
    },
    contacts: config.replies.cc.map((a) => a.toLowerCase()),
    // Every customer, those without contacts too: a customer's mail copies its own contacts or nobody.
    customerContacts: (config.customers ?? []).map((c) => ({ trustedSenders: { addresses: c.trustedSenders.addresses, domains: c.trustedSenders.domains }, contacts: c.contacts.map((a) => a.toLowerCase()) })),
    phone: config.replies.phone,
    maxAgeSeconds,
  };
}
