import type { FunctionRuntimeConfig } from "../contract";
import { identifyCustomer } from "../customer-identification";
import type { Decision, DecisionInput } from "../decide";
import type { ReplyRequestInput } from "./reply-request";

/**
 * The customer's own reply language and contacts (issue 13): the customer the decision named, or,
 * for a closed-line reply to a dropped mail (which names none), the customer of its authenticated
 * sender. A customer's contacts replace the event's `replies.cc`: on a line many customers share,
 * one customer's acknowledgement must never copy another's people. Pure.
 */
export function replyCustomerOf(config: FunctionRuntimeConfig, decision: Decision, input: DecisionInput): ReplyRequestInput["customer"] {
  const match =
    decision.action !== "drop"
      ? decision.customer
      : input.facts.identity.ok
        ? identifyCustomer(config, { sender: input.facts.identity.mailbox.address, recipients: input.envelope.recipients })
        : undefined;
  return match ? { language: match.customer.language, cc: match.customer.contacts } : undefined;
}
