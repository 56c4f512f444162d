/** Environment of the canary function, shared with the construct that sets it (lib/aws/event-canary.ts). */
export const ENV_EVENT_SLUG = "EVENT_SLUG";
/** Comma-separated event addresses the canary is sent to. */
export const ENV_CANARY_TO = "CANARY_TO";
/** The canary's From (an address of the mail domain, which SES may send as). */
export const ENV_CANARY_FROM = "CANARY_FROM";
/** SSM SecureString holding the HMAC key (shared with the mail-to-alert function). */
export const ENV_CANARY_KEY_PARAMETER = "CANARY_KEY_PARAMETER";
/** ISO instants: canaries are sent from ACTIVE_FROM (window start minus the pre-flight) until ACTIVE_UNTIL (window end). */
export const ENV_ACTIVE_FROM = "CANARY_ACTIVE_FROM";
export const ENV_ACTIVE_UNTIL = "CANARY_ACTIVE_UNTIL";

export interface CanarySettings {
  readonly slug: string;
  readonly to: readonly string[];
  readonly from: string;
  readonly keyParameter: string;
  readonly activeFrom: Date;
  readonly activeUntil: Date;
  readonly region: string;
}

/** Fails the cold start naming the variable: a canary that cannot run must be loud (its alarm then fires). */
export function loadCanarySettings(env: Record<string, string | undefined>): CanarySettings {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`canary: environment variable ${name} is not set`);
    return v;
  };
  const instant = (name: string) => {
    const d = new Date(need(name));
    if (Number.isNaN(d.getTime())) throw new Error(`canary: ${name} is not an ISO instant`);
    return d;
  };
  const to = need(ENV_CANARY_TO).split(",").map((a) => a.trim().toLowerCase()).filter(Boolean);
  if (to.length === 0) throw new Error(`canary: ${ENV_CANARY_TO} names no address`);
  return { slug: need(ENV_EVENT_SLUG), to, from: need(ENV_CANARY_FROM), keyParameter: need(ENV_CANARY_KEY_PARAMETER), activeFrom: instant(ENV_ACTIVE_FROM), activeUntil: instant(ENV_ACTIVE_UNTIL), region: need("AWS_REGION") };
}
