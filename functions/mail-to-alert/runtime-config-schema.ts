// zod/mini: the same validation as zod, tree-shakable (about 15 KB in the bundle instead of 440 KB).
import * as z from "zod/mini";

/*
 * The function's runtime config (environment variable EVENT_CONFIG, JSON): its one definition.
 * The schema checks it at cold start (config.ts), and the TypeScript type `FunctionRuntimeConfig`
 * is derived from it, so the event stack's builder (stacks/function-config.ts) must produce exactly
 * these fields. Adding a field: add it here, and the type checker points at the builder.
 */

const isoInstant = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), { message: "must be an ISO-8601 instant such as 2026-11-26T23:00:00.000Z" }));
const nonEmpty = z.string().check(z.minLength(1, { message: "must not be empty" }));
const lowerCase = z.pipe(nonEmpty, z.transform((v) => v.toLowerCase()));
const lowerList = z.array(lowerCase);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

/**
 * Who may page. Addresses and domains are lower-case with no trailing dot; a domain written
 * `*.d` matches the subdomains of d (not d itself).
 */
const trustedSendersSchema = z.strictObject({
  addresses: lowerList,
  domains: lowerList,
  /**
   * Forwarding groups (such as a Google Workspace group) that rewrite From to their own address
   * when the original sender's domain publishes a strict DMARC policy (see docs: relays). The
   * original sender is recovered only from what `sealer` sealed with ARC (RFC 8617).
   */
  relays: z.array(
    z.strictObject({
      /** The group's own address (lower-case): the rewritten From, or the List-Post address. */
      address: lowerCase,
      /** ARC sealer domain whose seal is trusted for this relay (the d= of ARC-Seal), e.g. google.com. */
      sealer: lowerCase,
    }),
  ),
});

/** One customer of the line: who it is, who may page for it, and what responders (and replies) need. */
const customerSchema = z.strictObject({
  /** Identifier (the registry file's name): the payload's `customer.slug`, what routes match. */
  slug: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, { message: "must be a customer slug (lower-case letters, digits, hyphens)" })),
  /** Shown in the alert's title and spoken title. */
  name: nonEmpty,
  /** Service tier (e.g. platinum): selects the escalation in OnCall routes. */
  tier: nonEmpty,
  /** BCP 47 tag of the language the customer writes in (replies use it). */
  language: nonEmpty,
  /** Addresses to copy on replies to this customer (lower-case). */
  contacts: lowerList,
  /** Notes for responders, shown in the alert. */
  notes: z.strictObject({
    accountManager: z.optional(nonEmpty),
    runbook: z.optional(nonEmpty),
    sla: z.optional(nonEmpty),
    text: z.optional(nonEmpty),
  }),
  trustedSenders: trustedSendersSchema,
  /** Full addresses on the mail domain that are this customer's own (also in `addresses`). */
  aliases: lowerList,
});

/** Strict, so a stack/function version skew is loud, not silent. */
export const runtimeConfigSchema = z.strictObject({
  slug: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, { message: "must be the event slug (lower-case letters, digits, hyphens)" })),
  title: nonEmpty,
  customer: nonEmpty,
  /** Full lower-case event addresses (envelope recipients that belong to this event). */
  addresses: lowerList.check(z.minLength(1, { message: "needs at least one event address" })),
  /** Window as UTC ISO-8601 instants, plus the zone for display. */
  window: z
    .strictObject({ start: isoInstant, end: isoInstant, timeZone: nonEmpty })
    .check(z.refine((w) => Date.parse(w.start) < Date.parse(w.end), { message: "start must be before end" })),
  /** Who may page for the event as a whole (the platform's own staff, or a single-customer event). */
  trustedSenders: trustedSendersSchema,
  /**
   * The customers this line serves (issue 13), each with its own trusted senders: the function
   * names the customer a mail is from (customer-identification.ts). Absent: the event-level
   * `customer` and `trustedSenders` alone (configs written before customers existed).
   */
  customers: z.optional(z.array(customerSchema)),
  /** Which lane the doubtful cases take. `page` is never offered for unverified mail: see docs/trust.md. */
  policy: z.strictObject({
    outsideWindow: oneOf(["page", "notify", "drop"]),
    unverified: oneOf(["notify", "drop"]),
    unlistedColleague: oneOf(["notify", "drop"]),
  }),
  bodyMaxChars: z.int({ message: "must be an integer" }).check(z.minimum(500, { message: "must be at least 500" }), z.maximum(50000, { message: "must be at most 50000" })),
  rawMailLink: oneOf(["console", "presigned"]),
  bucket: z.string().check(z.minLength(3, { message: "must be a bucket name" })),
  /** Object key prefix of this event in the bucket, ending with "/". Key = prefix + mail.messageId. */
  prefix: z.string().check(z.regex(/^[^/].*\/$/, { message: 'must end with "/" (object key = prefix + SES messageId)' })),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: "must be an AWS region such as eu-west-1" })),
  /**
   * Replies to the customer (functions/mail-to-alert/reply/). Absent: replies are off and nothing
   * is queued. Per-customer language and cc contacts (issue 13) override `language` and `cc`.
   */
  replies: z.optional(
    z.strictObject({
      /** Phone number (or short instruction) for what is urgent beyond mail, quoted in every reply. */
      phone: nonEmpty,
      /** At most one acknowledgement per mail thread in this many seconds (60 s to 7 days). */
      intervalSeconds: z.int({ message: "must be an integer" }).check(z.minimum(60, { message: "must be at least 60" }), z.maximum(604800, { message: "must be at most 604800" })),
      /** An authenticated trusted mail outside the window gets an honest "the line is closed" reply. */
      outsideWindow: z.boolean(),
      /** Where to go while the line is closed (outside-window reply). Absent: the phone. */
      closedHelp: z.optional(nonEmpty),
      /** Language of the templates (functions/mail-to-alert/reply/templates.ts). */
      language: oneOf(["en", "fr"]),
      /** Also copied on every reply (lower-case addresses). */
      cc: lowerList,
    }),
  ),
});

/** `T` read-only all the way down: the function never changes its config. */
type ReadonlyDeep<T> = T extends readonly (infer U)[] ? readonly ReadonlyDeep<U>[] : T extends object ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> } : T;

/** The validated runtime config, as the function reads it and the event stack writes it. */
export type FunctionRuntimeConfig = ReadonlyDeep<z.output<typeof runtimeConfigSchema>>;
/** Who may page (see the schema's `trustedSenders`). */
export type TrustedSenders = FunctionRuntimeConfig["trustedSenders"];
/** A forwarding group whose ARC seal vouches for the original sender (see the schema's `relays`). */
export type RelayConfig = TrustedSenders["relays"][number];
/** The replies block (see the schema's `replies`). */
export type ReplySettings = NonNullable<FunctionRuntimeConfig["replies"]>;
/** One customer of the line (see the schema's `customers`). */
export type CustomerConfig = NonNullable<FunctionRuntimeConfig["customers"]>[number];
/** Which lane the doubtful cases take (see the schema's `policy`). */
export type LanePolicy = FunctionRuntimeConfig["policy"];
