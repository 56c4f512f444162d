import { z } from "zod";
import { emailAddress, SLUG, SLUG_MAX, trustedSendersSchema } from "./schema";

/*
 * customers/<slug>.yaml: one file per customer of the line (issue 13), reviewed in PRs. Events list
 * the customers they serve (`customers: [acme-shop]` or `all`); the stacks compile each file into
 * the library's CustomerProps.
 */

const TIER = /^[a-z][a-z0-9-]{0,39}$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export const customerSchema = z
  .strictObject({
    slug: z
      .string()
      .max(SLUG_MAX, `must be at most ${SLUG_MAX} characters`)
      .regex(SLUG, "must be lower-case letters, digits and single hyphens, starting with a letter (e.g. acme-shop)")
      .refine((v) => v !== "all", { message: 'is reserved: events write `customers: all` for every customer' })
      .meta({ description: "Identifier of the customer; must equal the file name without .yaml. Events list it in `customers`.", examples: ["acme-shop"] }),
    name: z.string().trim().min(1).max(80).meta({ description: "The customer's name as responders know it: the alert's title and spoken title say it.", examples: ["Acme Shop"] }),
    tier: z
      .string()
      .regex(TIER, "must be lower-case letters, digits and hyphens, starting with a letter (e.g. platinum)")
      .default("standard")
      .meta({ description: "Service tier (or priority): an event's `oncall.tiers` maps it to an escalation; routes can match it.", examples: ["platinum"] }),
    language: z
      .string()
      .regex(LANGUAGE, "must be a BCP 47 language tag such as en, de or pt-BR")
      .default("en")
      .meta({ description: "Language the customer's people write in (replies use it).", examples: ["de"] }),
    trustedSenders: trustedSendersSchema.meta({
      description: "Who may page for this customer. A sender may belong to one customer of an event only (synth refuses an overlap, naming both files).",
    }),
    contacts: z
      .array(emailAddress)
      .max(20, "at most 20 contacts")
      .default([])
      .meta({ description: "Addresses to copy on replies to this customer (their incident desk, the account manager).", examples: [["incidents@acme-shop.example"]] }),
    notes: z
      .strictObject({
        accountManager: z.string().trim().min(1).max(200).optional().meta({ description: "Who owns the relationship, with a way to reach them.", examples: ["Jane Roe <jane@platform.example>, +15555550123"] }),
        runbook: z.string().regex(/^https:\/\/\S+$/, "must be an https:// link").max(500).optional().meta({ description: "Link to the customer's runbook.", examples: ["https://wiki.platform.example/runbooks/acme-shop"] }),
        sla: z.string().trim().min(1).max(200).optional().meta({ description: "What was promised, in words.", examples: ["respond within 15 minutes, 24/7"] }),
        text: z.string().trim().min(1).max(500).optional().meta({ description: "Anything else a responder should read first.", examples: ["Checkout runs on our EU cluster; their CTO prefers phone calls."] }),
      })
      .default({})
      .meta({ description: "Notes for responders, shown in every alert of the customer." }),
    slackChannel: z.string().min(1).max(80).optional().meta({ description: "Slack channel name for this customer's alert groups (the Slack app must be connected).", examples: ["acme-incidents"] }),
    aliases: z
      .array(
        z
          .string()
          .min(1)
          .max(254)
          .meta({ description: "Local part on the mail domain, or a full address on it.", examples: ["acme-shop"] }),
      )
      .max(5, "at most 5 aliases")
      .default([])
      .meta({
        description:
          "The customer's own addresses on the mail domain (local parts or full addresses): they reach every event that serves the customer, name the customer when the sender does not, and never make anyone trusted. Only one event may serve a customer with aliases (one address, one receipt rule).",
        examples: [["acme-shop"]],
      }),
  })
  .meta({ title: "email-to-oncall customer", description: "customers/<slug>.yaml: one per customer of the emergency line." });

export type CustomerFileConfig = z.output<typeof customerSchema>;
