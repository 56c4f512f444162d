import { z } from "zod";
import { canarySchema } from "./canary-schema";
import { functionSchema } from "./function-schema";
import { onCallSchema } from "./oncall-schema";
import { repliesSchema } from "./replies-schema";
import { AWS_REGION_PATTERN } from "./regions";
import { isValidTimeZone, parseLocalDateTime } from "../lib/core/time";
import { E164 } from "../lib/core/e164";
import { SHARED_MAIL_DOMAINS } from "../functions/mail-to-alert/contract";

// One label of a DNS name: letters, digits, inner hyphens, at most 63 characters.
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+[a-z]{2,63}$`);
// Local part we accept for recipients and trusted addresses: the dot-atom subset people use.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
export const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 40;
export const RESERVED_SLUGS = ["foundation", "default", "shared", "all"];

const domainName = (description: string, example: string) =>
  z
    .string()
    .max(253)
    .refine((v) => DOMAIN.test(v), { message: "must be a lower-case DNS name such as oncall.example.com (no trailing dot, no scheme)" })
    .meta({ description, examples: [example] });

// A fully qualified domain may end in its root dot (`cto@acme-shop.example.`): it is the same
// address; runtimeConfigFor removes the dot.
const emailAddress = z
  .string()
  .refine((v) => isEmailAddress(v.replace(/\.$/, "")), { message: "must be a lower-case e-mail address such as cto@customer.example" })
  .meta({ examples: ["cto@customer.example"] });

export function isEmailAddress(v: string): boolean {
  const at = v.lastIndexOf("@");
  if (at <= 0 || v.length > 254) return false;
  const local = v.slice(0, at);
  return local.length <= 64 && LOCAL_PART.test(local) && DOMAIN.test(v.slice(at + 1));
}

const TAG_KEY = /^[\p{L}\p{N} _.:/=+\-@]{1,128}$/u;
const tags = z
  .record(z.string(), z.string().max(256))
  .superRefine((t, ctx) => {
    // Keys are checked here rather than in the record's key schema so the message survives.
    for (const key of Object.keys(t)) {
      if (!TAG_KEY.test(key)) ctx.addIssue({ code: "custom", path: [key], message: "tag keys are 1-128 letters, digits, spaces and _ . : / = + - @" });
      else if (key.toLowerCase().startsWith("aws:")) ctx.addIssue({ code: "custom", path: [key], message: "tag keys starting with 'aws:' are reserved by AWS" });
    }
    if (Object.keys(t).length > 40) ctx.addIssue({ code: "custom", message: "at most 40 tags (AWS allows 50; the stacks add their own)" });
  })
  .default({})
  .meta({ description: "Tags put on every AWS resource (besides `app`, `stack` and `event` set by the stacks).", examples: [{ team: "platform", cost_center: "ops" }] });

const s3BucketName = z
  .string()
  .min(3)
  .max(63)
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, "S3 bucket names here are lower-case letters, digits and hyphens (no dots: they break TLS)")
  .refine((v) => !v.includes("--"), { message: "must not contain '--'" });

const localBackend = z.strictObject({
  type: z.literal("local"),
  directory: z
    .string()
    .default("terraform-state")
    .meta({ description: "Folder (relative to the project) holding one <stack>.tfstate per stack.", examples: ["terraform-state"] }),
});

const s3Backend = z.strictObject({
  type: z.literal("s3"),
  bucket: s3BucketName.meta({ description: "Existing state bucket (bootstrap it once, see docs/operations.md).", examples: ["acme-terraform-state"] }),
  region: z.string().regex(AWS_REGION_PATTERN, "must be an AWS region such as eu-west-1").meta({ examples: ["eu-west-1"] }),
  keyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()-]+(?:\/[A-Za-z0-9!_.*'()-]+)*$/, "must be a path without leading or trailing slash, e.g. email-to-oncall")
    .default("email-to-oncall")
    .meta({ description: "State key is <keyPrefix>/<stack>.tfstate.", examples: ["email-to-oncall"] }),
  kmsKeyId: z
    .string()
    .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/, "must be a KMS key or alias ARN")
    .optional()
    .meta({ description: "KMS key for state encryption; SSE-S3 when omitted (encryption is always on).", examples: ["arn:aws:kms:eu-west-1:123456789012:alias/terraform-state"] }),
});

export const foundationSchema = z
  .strictObject({
    region: z
      .string()
      .regex(AWS_REGION_PATTERN, "must be an AWS region such as eu-west-1")
      .meta({ description: "AWS region of SES inbound, the bucket and the functions. SES receives mail only in some regions (synth warns).", examples: ["eu-west-1"] }),
    mailDomain: domainName("Mail subdomain that receives the emergency mail (gets its own hosted zone and MX).", "oncall.example.com"),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/, "must be 3-20 lower-case letters, digits and hyphens, starting with a letter")
      .default("email-to-oncall")
      .meta({ description: "Prefix of every AWS resource name.", examples: ["email-to-oncall"] }),
    parentZone: z
      .strictObject({
        name: domainName("Parent zone in Route 53 (same account) where the NS delegation record is written.", "example.com"),
        zoneId: z
          .string()
          .regex(/^Z[A-Z0-9]{1,31}$/, "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ")
          .optional()
          .meta({ description: "Hosted zone id of the parent; looked up by name when omitted.", examples: ["Z0123456789ABCDEFGHIJ"] }),
      })
      .optional()
      .meta({ description: "Delegate the mail domain from this Route 53 zone. Omit it to add the NS records by hand (the stack outputs them)." }),
    rawMail: z
      .strictObject({
        retentionDays: z
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .meta({ description: "Days raw mails are kept in the bucket before they expire.", examples: [90] }),
        bucketName: s3BucketName
          .optional()
          .meta({ description: "Bucket name; derived from namePrefix and mailDomain when omitted.", examples: ["acme-email-to-oncall-raw-mail"] }),
      })
      .default({ retentionDays: 90 })
      .meta({ description: "The raw-mail bucket." }),
    ruleSet: z
      .strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
          .default("email-to-oncall")
          .meta({ description: "SES receipt rule set shared by all events (SES allows one active set per account and region).", examples: ["email-to-oncall"] }),
        mode: z
          .enum(["create-and-activate", "adopt-active"])
          .default("create-and-activate")
          .meta({
            description:
              "`create-and-activate` creates the set and makes it the active one (it replaces any other active set!); `adopt-active` adds rules to the already active set named `name`.",
            examples: ["create-and-activate"],
          }),
      })
      .default({ name: "email-to-oncall", mode: "create-and-activate" })
      .meta({ description: "The SES receipt rule set." }),
    dmarc: z
      .strictObject({
        policy: z.enum(["none", "quarantine", "reject"]).default("reject").meta({ description: "DMARC policy for mail claiming to be from the mail domain (it sends none).", examples: ["reject"] }),
        reportAddress: emailAddress.optional().meta({ description: "Where aggregate DMARC reports go (rua).", examples: ["dmarc-reports@example.com"] }),
      })
      .default({ policy: "reject" })
      .meta({ description: "DMARC record of the mail domain." }),
    tags,
    backend: z
      .discriminatedUnion("type", [localBackend, s3Backend])
      .default({ type: "local", directory: "terraform-state" })
      .meta({ description: "Terraform state backend: `local` (default) or `s3` with native lock file and encryption, one key per stack." }),
  })
  .meta({ title: "email-to-oncall foundation config", description: "events/foundation.yaml: one per AWS account and region." });

/** Who may page: exact addresses, domains (`*.d` for subdomains) and relays. Shared by events and customers. */
export const trustedSendersSchema = z
  .strictObject({
    addresses: z.array(emailAddress).default([]).meta({ description: "Exact From addresses allowed to page.", examples: [["cto@acme-shop.example"]] }),
    domains: z
      .array(
        z
          .string()
          .refine((v) => DOMAIN.test(v.replace(/^\*\./, "").replace(/\.$/, "")), { message: "must be a domain such as acme-shop.example, or *.acme-shop.example for its subdomains" })
          // A mail service anyone can sign up to names people, not an organisation: trusting its domain lets every user page (found in review).
          .refine((v) => !SHARED_MAIL_DOMAINS.has(v.replace(/^\*\./, "").replace(/\.$/, "")), {
            error: (issue) => `${String(issue.input)} is a mail service anyone can get an address at: every user of it could page; list the person's exact address in \`addresses\` instead`,
          })
          .meta({ examples: ["acme-shop.example", "*.acme-shop.example"] }),
      )
      .default([])
      .meta({ description: "From domains allowed to page; `*.d` allows subdomains of d (not d itself).", examples: [["acme-shop.example"]] }),
    relays: z
      .array(
        z.strictObject({
          address: emailAddress.meta({ description: "The group's own address: the From it writes when it rewrites the sender, or its List-Post address.", examples: ["emergency@platform.example"] }),
          sealer: domainName("ARC sealer whose seal (ARC-Seal d=) vouches for the original sender; google.com for Google Groups and Google Workspace groups.", "google.com"),
        }),
      )
      .default([])
      .meta({
        description:
          "Forwarding groups that rewrite From to their own address (Google Groups does so when the sender's domain publishes p=quarantine/reject). The original sender is trusted only when the relay's ARC chain validates and its newest seal is the declared sealer's (docs/trust.md, relays).",
        examples: [[{ address: "emergency@platform.example", sealer: "google.com" }]],
      }),
  })
  .meta({ description: "Who may page. Trust is checked on the authenticated From header, never on the display name." });

const localDateTime = z
  .string()
  .refine((v) => parseLocalDateTime(v) !== undefined, {
    message: "must be a real local date-time YYYY-MM-DDTHH:MM (no offset: the zone is `timeZone`)",
  });

export { domainName, emailAddress };

export const eventSchema = z
  .strictObject({
    slug: z
      .string()
      .max(SLUG_MAX, `must be at most ${SLUG_MAX} characters (it becomes part of AWS resource names)`)
      .regex(SLUG, "must be lower-case letters, digits and single hyphens, starting with a letter (e.g. black-friday-2026)")
      .refine((v) => !RESERVED_SLUGS.includes(v), { message: `is reserved (${RESERVED_SLUGS.join(", ")})` })
      .meta({ description: "Identifier of the event; must equal the file name without .yaml.", examples: ["black-friday-2026"] }),
    title: z.string().trim().min(3).max(100).meta({ description: "Human title shown in alerts and Grafana.", examples: ["Black Friday 2026"] }),
    customer: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .meta({ description: "Who writes in (shown in the alert title). Required without `customers`; with them it defaults to their names, and titles name the customer of each mail.", examples: ["Acme Shop"] }),
    recipients: z
      .array(
        z
          .string()
          .min(1)
          .meta({ description: "Local part on the mail domain, or a full address on it.", examples: ["black-friday-2026", "acme@oncall.example.com"] }),
      )
      .min(1, "needs at least one address")
      .max(50, "at most 50 addresses per event")
      .meta({ description: "Addresses (local parts or full addresses on the mail domain) that page for this event.", examples: [["black-friday-2026"]] }),
    window: z
      .strictObject({
        start: localDateTime.meta({ description: "When the address goes live (local time in timeZone).", examples: ["2026-11-26T18:00"] }),
        end: localDateTime.meta({ description: "When it stops paging (local time in timeZone).", examples: ["2026-12-01T06:00"] }),
        timeZone: z
          .string()
          .refine(isValidTimeZone, { message: "must be an IANA time zone such as America/New_York or Europe/Berlin (not an abbreviation like EST)" })
          .meta({ description: "IANA time zone of start and end, and of the on-call schedule.", examples: ["America/New_York"] }),
      })
      .meta({ description: "When the address is live." }),
    trustedSenders: trustedSendersSchema
      .default({ addresses: [], domains: [], relays: [] })
      .meta({ description: "Who may page for the whole event (the platform's own staff, or the one customer of a single-customer event). Customers listed in `customers` bring their own." }),
    customers: z
      .union([
        z.literal("all").meta({ description: "Every customer of the registry (customers/*.yaml)." }),
        z.array(z.string().regex(SLUG, "must be a customer slug (a file name in customers/ without .yaml)").meta({ examples: ["acme-shop"] })).min(1, "list at least one customer, or leave `customers` out"),
      ])
      .optional()
      .meta({ description: "Customers this event serves, by slug (customers/<slug>.yaml), or `all`. Their trusted senders may page; each alert names the customer.", examples: [["acme-shop", "globex"]] }),
    oncall: onCallSchema,
    health: z
      .strictObject({
        email: z
          .array(emailAddress)
          .default([])
          .meta({ description: "Addresses that get every pipeline alarm by mail. Each recipient confirms once, from the mail SNS sends after deploy.", examples: [["oncall-backup@platform.example"]] }),
        sms: z
          .array(z.string().regex(E164, "must be an E.164 phone number such as +15555550100").meta({ examples: ["+15555550100"] }))
          .default([])
          .meta({ description: "Phone numbers (E.164) that get every pipeline alarm by SMS (mind the SNS SMS sandbox, docs/operations.md).", examples: [["+15555550100"]] }),
        https: z
          .array(z.string().regex(/^https:\/\/\S+$/, "must be an https:// URL").meta({ examples: ["https://events.pagerduty.com/integration/KEY/enqueue"] }))
          .default([])
          .meta({ description: "HTTPS endpoints (another paging service's webhook) that get every pipeline alarm; retried with backoff, then kept in a dead-letter queue that alarms.", examples: [["https://events.pagerduty.com/integration/KEY/enqueue"]] }),
      })
      .optional()
      .meta({
        description:
          "A second channel for the pipeline's own alarms that does not depend on Grafana OnCall (the health integration pages through the same OnCall as the mail: when OnCall is down, only these hear).",
        examples: [{ email: ["oncall-backup@platform.example"], sms: ["+15555550100"] }],
      }),
    function: functionSchema.default(() => functionSchema.parse({})),
    canary: canarySchema.default(() => canarySchema.parse({})),
    replies: repliesSchema.optional(),
  })
  .meta({ title: "email-to-oncall event config", description: "events/<slug>.yaml: one per event." });

export type FoundationInput = z.input<typeof foundationSchema>;
export type FoundationConfig = z.output<typeof foundationSchema>;
export type EventFileConfig = z.output<typeof eventSchema>;
