import { z } from "zod";

import { LOG_RETENTION_DAYS } from "../lib/aws/mail-to-alert-function";

export { LOG_RETENTION_DAYS };

/** The `function` block of an event: how the mail-to-alert function decides and how it runs. */
export const functionSchema = z
  .strictObject({
    outsideWindow: z
      .enum(["page", "notify", "drop"])
      .default("page")
      .meta({
        description:
          "What an authenticated trusted mail that arrives outside the event window does. `page` (default) still pages, with an 'outside window' marker: an emergency does not wait for the calendar. `notify` sends it to the low-urgency notify lane; `drop` discards it (counted as a trusted drop, which alarms).",
        examples: ["page"],
      }),
    unverified: z
      .enum(["notify", "drop"], {
        error: (issue) =>
          issue.input === "page"
            ? 'must be "notify" or "drop": "page" is no longer offered, because anyone can claim a trusted domain that SES cannot authenticate (no DMARC record, no aligned signature). Write `unverified: notify` (docs/trust.md).'
            : 'must be "notify" (default) or "drop"',
      })
      .default("notify")
      .meta({
        description:
          "What a mail from a listed trusted sender does when SES did not authenticate its domain (no DMARC pass for it, no aligned DKIM or SPF pass). `notify` (default) sends it to the low-urgency notify lane marked UNVERIFIED: it never calls a phone and never joins or resolves a paged alert group; `drop` discards it (counted as a trusted drop, which alarms).",
        examples: ["notify"],
      }),
    unlistedColleague: z
      .enum(["notify", "drop"])
      .default("notify")
      .meta({
        description:
          "What an authenticated mail from the organisation of a trusted sender (same domain as a listed address, or a subdomain of it) that is not itself on the list does. `notify` (default): low-urgency notify lane; `drop`: discarded (counted as a trusted drop).",
        examples: ["notify"],
      }),
    bodyMaxChars: z
      .int()
      .min(500)
      .max(50000)
      .default(8000)
      .meta({ description: "Longest mail body text embedded in the alert; longer bodies are truncated with a note.", examples: [8000] }),
    rawMailLink: z
      .enum(["console"])
      .default("console")
      .meta({
        description:
          "How the alert links the raw mail. Only `console` (S3 console URL: needs an AWS sign-in, never expires during an incident, leaks nothing) is offered; presigned links are not implemented because anyone holding one could read the mail.",
        examples: ["console"],
      }),
    memoryMb: z.int().min(256).max(10240).default(1024).meta({ description: "Lambda memory (MB). Parsing a 40 MB mail needs headroom.", examples: [1024] }),
    timeoutSeconds: z
      .int()
      .min(10)
      .max(900)
      .default(360)
      .meta({
        description:
          "Lambda timeout (seconds). The default, 360, outlasts Grafana OnCall's rate window (300 alerts per 5 minutes per integration): in a flood the function waits out a 429's Retry-After instead of failing the mail into the dead-letter queue (BENCHMARKS.md, flood). Shorter only if the event can never flood.",
        examples: [360],
      }),
    reservedConcurrency: z
      .int()
      .min(1)
      .max(100)
      .default(5)
      .meta({ description: "Reserved concurrency: bounds a mail flood (and the pages it makes).", examples: [5] }),
    logRetentionDays: z
      .union(LOG_RETENTION_DAYS.map((d) => z.literal(d)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>])
      .default(90)
      .meta({ description: `Log retention (days); one of ${LOG_RETENTION_DAYS.join(", ")}.`, examples: [90] }),
    retryAttempts: z.int().min(0).max(2).default(2).meta({ description: "Lambda asynchronous retries after a failed delivery (0-2).", examples: [2] }),
    maxEventAgeSeconds: z
      .int()
      .min(60)
      .max(21600)
      .default(21600)
      .meta({ description: "How long Lambda keeps retrying an event before it goes to the dead-letter queue (60-21600 s).", examples: [21600] }),
    deadLetterReminderMinutes: z
      .int()
      .min(5)
      .max(1440)
      .default(30)
      .meta({
        description:
          "How often (minutes, 5-1440) the health topic is reminded while the dead-letter queue still holds mail: the dead-letter-queue-not-empty alarm speaks only once. Replay or purge the queue to stop the reminders.",
        examples: [30],
      }),
  })
  .meta({ description: "How the mail-to-alert function decides and runs. Every field has a safe default." });

export type FunctionConfig = z.output<typeof functionSchema>;
