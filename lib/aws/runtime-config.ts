import { Token } from "cdktf";
import type { FunctionRuntimeConfig, LanePolicy, RelayConfig } from "../../functions/mail-to-alert/contract";
import { Duration } from "../core/duration";

/** Who may page, as a library consumer writes it. Case and a trailing root dot do not matter. */
export interface TrustedSendersProps {
  /** @default none */
  readonly addresses?: readonly string[];
  /** `*.d` matches the subdomains of d. @default none */
  readonly domains?: readonly string[];
  /** Forwarding groups that rewrite From, verified by ARC. @default none */
  readonly relays?: readonly RelayConfig[];
}

/** What the customer hears back (functions/mail-to-alert/reply/): the words the replies carry. */
export interface RepliesProps {
  /** What to call when it is urgent beyond mail (E.164), quoted in every reply. */
  readonly phone: string;
  /** At most one acknowledgement per mail thread in this interval (1 minute to 7 days). @default Duration.hours(1) */
  readonly interval?: Duration;
  /** The honest closed-line reply to a trusted, authenticated mail outside the window. @default true */
  readonly outsideWindow?: boolean;
  /** Where to go while the line is closed. @default call `phone` */
  readonly closedHelp?: string;
  /** Template language. @default "en" */
  readonly language?: "en" | "fr";
  /** Also copied on every reply. @default none */
  readonly cc?: readonly string[];
}

/** Everything the mail-to-alert function needs to decide and render for one inbox. */
export interface RuntimeConfigInput {
  readonly slug: string;
  readonly title: string;
  readonly customer: string;
  readonly addresses: readonly string[];
  readonly window: { readonly start: Date; readonly end: Date; readonly timeZone: string };
  readonly trustedSenders: TrustedSendersProps;
  readonly policy?: Partial<LanePolicy>;
  readonly bodyMaxChars?: number;
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string;
  /** @default no replies */
  readonly replies?: RepliesProps;
}

/** The safe defaults of the three lanes (docs/trust.md). */
export const DEFAULT_LANE_POLICY: LanePolicy = { outsideWindow: "page", unverified: "notify", unlistedColleague: "notify" };

/** Lower case, without the root dot a fully qualified name may end with (`acme-shop.example.`); a token stays as it is. */
const bare = (v: string) => (Token.isUnresolved(v) ? v : v.toLowerCase().replace(/\.+$/, ""));

/** The function's EVENT_CONFIG, built in one place for the stacks and the local tools alike. */
export function buildRuntimeConfig(input: RuntimeConfigInput): FunctionRuntimeConfig {
  const t = input.trustedSenders;
  return {
    slug: input.slug,
    title: input.title,
    customer: input.customer,
    addresses: input.addresses.map((a) => (Token.isUnresolved(a) ? a : a.toLowerCase())),
    window: { start: input.window.start.toISOString(), end: input.window.end.toISOString(), timeZone: input.window.timeZone },
    trustedSenders: {
      addresses: (t.addresses ?? []).map(bare),
      domains: (t.domains ?? []).map(bare),
      relays: (t.relays ?? []).map((r) => ({ address: bare(r.address), sealer: bare(r.sealer) })),
    },
    policy: { ...DEFAULT_LANE_POLICY, ...input.policy },
    bodyMaxChars: input.bodyMaxChars ?? 8000,
    rawMailLink: "console",
    bucket: input.bucket,
    prefix: input.prefix,
    region: input.region,
    ...(input.replies ? { replies: buildReplySettings(input.replies) } : {}),
  };
}

/** The runtime form of the replies block (seconds, lower-case, defaults applied). */
export function buildReplySettings(r: RepliesProps): NonNullable<FunctionRuntimeConfig["replies"]> {
  return {
    phone: r.phone,
    intervalSeconds: (r.interval ?? Duration.hours(1)).toSeconds(),
    outsideWindow: r.outsideWindow ?? true,
    ...(r.closedHelp ? { closedHelp: r.closedHelp } : {}),
    language: r.language ?? "en",
    cc: (r.cc ?? []).map(bare),
  };
}
