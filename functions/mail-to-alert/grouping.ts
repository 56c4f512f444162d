import { createHash } from "node:crypto";
import type { MailFacts } from "./mail-facts";

/**
 * OnCall grouping key: the thread root (first References id, else In-Reply-To, else the mail's own
 * Message-ID, else the SES message id), hashed so no address leaks into Grafana, prefixed with the
 * event slug so two events never share a group. A duplicate delivery has the same headers, hence
 * the same key.
 */
export function threadRoot(facts: Pick<MailFacts, "references" | "inReplyTo" | "messageId">, sesMessageId: string): string {
  return facts.references[0] ?? facts.inReplyTo ?? facts.messageId ?? `ses:${sesMessageId}`;
}

export function groupingKey(slug: string, root: string): string {
  const digest = createHash("sha256").update(root.trim().replace(/^<|>$/g, "")).digest("hex").slice(0, 32);
  return `${slug}:${digest}`;
}

/**
 * Grouping key of the notify lane: one low-urgency group per reason and sender, in a namespace of
 * its own, so an unverified or unlisted sender can never join (or resolve) an authenticated
 * thread's alert group, and a flood of spoofed Message-IDs cannot open a group per mail.
 */
export function notifyGroupingKey(slug: string, reason: string, senderAddress: string): string {
  return groupingKey(`${slug}:notify`, `${reason}\0${senderAddress}`);
}
