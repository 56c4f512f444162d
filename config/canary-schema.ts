import { z } from "zod";

/** The `canary` block of an event: the end-to-end canary (docs/operations.md, the canary). */
export const canarySchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Send the canary (on by default). Off: nothing proves before or during the event that mail to the address reaches the function.", examples: [true] }),
    intervalMinutes: z
      .int()
      .min(5)
      .max(720)
      .default(15)
      .meta({
        description:
          "How often (minutes, 5-720) a signed canary mail goes through SES to each event address. The canary-missing alarm fires after two intervals without one, so this is also how long a broken address can go unnoticed (twice it).",
        examples: [15],
      }),
    preflightHours: z
      .int()
      .min(0)
      .max(720)
      .default(24)
      .meta({ description: "Start sending this many hours before the window opens, so a broken address is found before the event (0: from the window start).", examples: [24] }),
    from: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/, "must be a lower-case local part such as canary (the domain is the mail domain)")
      .default("canary")
      .meta({ description: "Local part of the canary's From on the mail domain (SES may send as any address of the verified domain).", examples: ["canary"] }),
    heartbeat: z
      .boolean()
      .default(false)
      .meta({
        description:
          "Also ping the OnCall mail integration's heartbeat (<integration link>heartbeat/) on each canary, so OnCall itself alerts when canaries stop. Set the heartbeat's timeout in the OnCall UI (integration > Heartbeat; the API cannot) to more than the interval.",
        examples: [false],
      }),
  })
  .meta({
    description:
      "The end-to-end canary: a scheduled mail signed with a key in SSM, sent through SES to each event address, counted by the function instead of paging; an alarm tells pipeline health when it does not arrive.",
    examples: [{ intervalMinutes: 15, preflightHours: 24 }],
  });

export type CanaryConfig = z.output<typeof canarySchema>;
