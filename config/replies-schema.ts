import { z } from "zod";
import { parseDuration } from "./durations";
import { E164 } from "../lib/core/e164";

/** Languages of the reply templates (functions/mail-to-alert/reply/templates.ts; a test keeps them equal). */
export const REPLY_LANGUAGE_CODES = ["en", "fr"] as const;

// The schema's own address check (config/schema.ts imports this file, so it cannot import back).
const ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const interval = z
  .string()
  .superRefine((v, ctx) => {
    const s = parseDuration(v);
    if (s === undefined) ctx.addIssue({ code: "custom", message: "must be a duration such as 30m, 1h or 1d" });
    else if (s < 60 || s > 604800) ctx.addIssue({ code: "custom", message: "must be from 1m to 7d" });
  })
  .default("1h")
  .meta({ description: "At most one acknowledgement per mail thread in this interval: follow-ups in the same thread get none.", examples: ["1h"] });

/** The `replies` block of an event: the customer hears back (docs/operations.md, replies). */
export const repliesSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "Turn replies on or off (off: nothing is queued, nothing is sent; status webhooks are not created).", examples: [true] }),
    phone: z
      .string()
      .regex(E164, "must be an E.164 phone number such as +15555550100")
      .meta({ description: "What to call when it is urgent beyond mail; quoted in every reply.", examples: ["+15555550100"] }),
    interval,
    outsideWindow: z
      .boolean()
      .default(true)
      .meta({ description: "An authenticated trusted mail outside the window gets an honest reply (the line is closed, here is where to go), whatever `function.outsideWindow` does with it.", examples: [true] }),
    closedHelp: z
      .string()
      .trim()
      .min(3)
      .max(300)
      .optional()
      .meta({ description: "Where to go while the line is closed, as a sentence fragment; default: call `phone`.", examples: ["your account manager, or +15555550199"] }),
    language: z.enum(REPLY_LANGUAGE_CODES).default("en").meta({ description: "Language of the replies (a customer's own language, once the registry knows it, wins).", examples: ["en"] }),
    cc: z
      .array(z.string().refine((v) => ADDRESS.test(v), { message: "must be a lower-case e-mail address such as ops-lead@customer.example" }))
      .max(10, "at most 10 cc contacts")
      .default([])
      .meta({ description: "Also copied on every reply and status mail.", examples: [["ops-lead@acme-shop.example"]] }),
  })
  .meta({
    description:
      "Replies to the customer: an acknowledgement after each page (Auto-Submitted, in the customer's thread, at most one per thread per interval), status mails when OnCall acknowledges or resolves, and the closed-line reply outside the window. Needs SES production access (docs/operations.md, replies).",
  });

export type RepliesConfig = z.output<typeof repliesSchema>;

/** Seconds of the validated interval. */
export function replyIntervalSeconds(r: RepliesConfig): number {
  return parseDuration(r.interval)!;
}
