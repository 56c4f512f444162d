import { ENV_EVENT_CONFIG_FILE, ENV_REPLY_KEY_PARAMETER } from "../mail-to-alert/contract";
import { readRuntimeConfig, ReadTextFile } from "../mail-to-alert/config";
import { ENV_STATUS_CONFIG, ENV_STATUS_MAX_AGE_SECONDS, ENV_STATUS_REPLY_QUEUE_URL, ENV_STATUS_SECRET_DIRECT, ENV_STATUS_SECRET_PARAMETER, StatusConfig, statusConfigOf } from "./contract";

export interface StatusSettings {
  readonly config: StatusConfig;
  readonly secret: { readonly kind: "direct"; readonly value: string } | { readonly kind: "parameter"; readonly name: string };
  /** SSM SecureString of the reply-context key the mail function signs `reply` with. */
  readonly replyKeyParameter: string;
  readonly queueUrl: string;
  readonly region: string;
}

/** Fails the cold start naming the variable: an endpoint that cannot check its secret must not run. */
export function loadStatusSettings(env: Readonly<Record<string, string | undefined>>, readFile?: ReadTextFile): StatusSettings {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`oncall-status: environment variable ${name} is not set`);
    return v;
  };
  let config: StatusConfig;
  if (env[ENV_EVENT_CONFIG_FILE] && readFile && !env[ENV_STATUS_CONFIG]) {
    // Many customers: the mail function's config layer (checked against its SHA-256), not the 4 KB environment.
    const maxAge = Number(need(ENV_STATUS_MAX_AGE_SECONDS));
    config = statusConfigOf(readRuntimeConfig(env, readFile), maxAge);
  } else {
    try {
      config = JSON.parse(need(ENV_STATUS_CONFIG)) as StatusConfig;
    } catch (e) {
      throw new Error(`oncall-status: ${ENV_STATUS_CONFIG} is not valid JSON (${(e as Error).message})`);
    }
  }
  for (const field of ["slug", "title", "phone"] as const) if (typeof config[field] !== "string") throw new Error(`oncall-status: ${ENV_STATUS_CONFIG}.${field} is missing`);
  if (!Array.isArray(config.addresses) || !Number.isInteger(config.maxAgeSeconds)) throw new Error(`oncall-status: ${ENV_STATUS_CONFIG} needs addresses and maxAgeSeconds`);
  // Written before contacts existed: nobody may be copied (fail closed).
  if (!Array.isArray(config.contacts)) config = { ...config, contacts: [] };
  const direct = env[ENV_STATUS_SECRET_DIRECT];
  const secret = direct ? ({ kind: "direct", value: direct } as const) : ({ kind: "parameter", name: need(ENV_STATUS_SECRET_PARAMETER) } as const);
  // Required: without the key no reply context verifies, so the endpoint would refuse every webhook.
  return { config, secret, replyKeyParameter: need(ENV_REPLY_KEY_PARAMETER), queueUrl: need(ENV_STATUS_REPLY_QUEUE_URL), region: need("AWS_REGION") };
}
