import { ENV_REPLY_EVENT_SLUG, ENV_REPLY_FROM_ADDRESSES, ENV_REPLY_TABLE } from "./contract";

export interface ReplySenderSettings {
  readonly slug: string;
  readonly fromAddresses: readonly string[];
  readonly table: string;
  readonly region: string;
}

/** Fails the cold start naming the missing variable: a sender that cannot run must be loud. */
export function loadReplySenderSettings(env: Readonly<Record<string, string | undefined>>): ReplySenderSettings {
  const need = (name: string) => {
    const v = env[name];
    if (!v) throw new Error(`reply-sender: environment variable ${name} is not set`);
    return v;
  };
  const fromAddresses = need(ENV_REPLY_FROM_ADDRESSES)
    .split(",")
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  return { slug: need(ENV_REPLY_EVENT_SLUG), fromAddresses, table: need(ENV_REPLY_TABLE), region: need("AWS_REGION") };
}
