import { Token } from "cdktf";
import type { CustomerConfig, FunctionRuntimeConfig, LanePolicy, RelayConfig } from "../../functions/mail-to-alert/contract";
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

/** Notes for responders, shown in every alert of the customer. */
export interface CustomerNotesProps {
  /** Who owns the relationship, e.g. "Jane Roe <jane@platform.example>". @default none */
  readonly accountManager?: string;
  /** Link to the customer's runbook (https). @default none */
  readonly runbook?: string;
  /** The promise made, e.g. "respond within 15 minutes". @default none */
  readonly sla?: string;
  /** Anything else a responder should know first. @default none */
  readonly text?: string;
}

/** One customer the line serves (issue 13): who may page for it, and what responders and replies need. */
export interface CustomerProps {
  /** Identifier: lower-case letters, digits and hyphens (the alert's `customer.slug`, what routes match). */
  readonly slug: string;
  /** Shown in the alert's title and spoken title. */
  readonly name: string;
  /** Service tier, e.g. "platinum": routes pick the escalation by it (EmergencyOnCall `tierEscalations`). @default "standard" */
  readonly tier?: string;
  /** BCP 47 tag of the language its people write in (replies use it). @default "en" */
  readonly language?: string;
  /** Who may page for this customer; a sender may belong to one customer of a line only. */
  readonly trustedSenders: TrustedSendersProps;
  /** Addresses copied on replies to this customer. @default none */
  readonly contacts?: readonly string[];
  /** @default none */
  readonly notes?: CustomerNotesProps;
  /**
   * The customer's own addresses on the mail domain: they reach this inbox too (receipt rule
   * recipients) and name the customer when the sender does not (an alias never makes anyone trusted).
   * @default none
   */
  readonly aliases?: readonly string[];
}

/** Everything the mail-to-alert function needs to decide and render for one inbox. */
export interface RuntimeConfigInput {
  readonly slug: string;
  readonly title: string;
  readonly customer: string;
  /** @default none */
  readonly customers?: readonly CustomerProps[];
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

const trustedSendersOf = (t: TrustedSendersProps): FunctionRuntimeConfig["trustedSenders"] => ({
  addresses: (t.addresses ?? []).map(bare),
  domains: (t.domains ?? []).map(bare),
  relays: (t.relays ?? []).map((r) => ({ address: bare(r.address), sealer: bare(r.sealer) })),
});

/** The customer as the function reads it, every default filled in. */
export function customerConfigOf(c: CustomerProps): CustomerConfig {
  const n = c.notes ?? {};
  return {
    slug: c.slug,
    name: c.name,
    tier: c.tier ?? DEFAULT_TIER,
    language: c.language ?? "en",
    contacts: (c.contacts ?? []).map(bare),
    notes: {
      ...(n.accountManager ? { accountManager: n.accountManager } : {}),
      ...(n.runbook ? { runbook: n.runbook } : {}),
      ...(n.sla ? { sla: n.sla } : {}),
      ...(n.text ? { text: n.text } : {}),
    },
    trustedSenders: trustedSendersOf(c.trustedSenders),
    aliases: (c.aliases ?? []).map(bare),
  };
}

/** The line's label when it serves customers and names none: their names while short, else how many. */
export function customerLabel(customers: readonly Pick<CustomerProps, "name">[]): string {
  const names = customers.map((c) => c.name).join(", ");
  return customers.length <= 3 && names.length <= 80 ? names : `${customers.length} customers`;
}

/** The tier of a customer that names none. */
export const DEFAULT_TIER = "standard";

/** Every address the inbox receives: its own, then the customers' aliases (once each). */
export function inboxAddresses(addresses: readonly string[], customers: readonly CustomerProps[] = []): string[] {
  const all = [...addresses, ...customers.flatMap((c) => c.aliases ?? [])].map((a) => (Token.isUnresolved(a) ? a : a.toLowerCase()));
  return [...new Set(all)];
}

/** The function's runtime config, built in one place for the stacks and the local tools alike. */
export function buildRuntimeConfig(input: RuntimeConfigInput): FunctionRuntimeConfig {
  const customers = input.customers ?? [];
  return {
    slug: input.slug,
    title: input.title,
    customer: input.customer,
    addresses: inboxAddresses(input.addresses, customers),
    window: { start: input.window.start.toISOString(), end: input.window.end.toISOString(), timeZone: input.window.timeZone },
    trustedSenders: trustedSendersOf(input.trustedSenders),
    ...(customers.length ? { customers: customers.map(customerConfigOf) } : {}),
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
