import type { EventSpec } from "../config/load";
import { bucketNameFor } from "../config/bucket-name";
import type { FoundationConfig } from "../config/schema";
import type { FunctionRuntimeConfig } from "../functions/mail-to-alert/contract";
import { buildRuntimeConfig, CustomerProps, RuntimeConfigInput } from "../lib/aws/runtime-config";
import type { CustomerSpec } from "../config/customers";

/** A registry file as the library's customer: aliases as full addresses on the mail domain. */
export function customerPropsFor(c: CustomerSpec): CustomerProps {
  return {
    slug: c.slug,
    name: c.name,
    tier: c.tier,
    language: c.language,
    trustedSenders: c.trustedSenders,
    contacts: c.contacts,
    notes: c.notes,
    aliases: c.aliasAddresses,
  };
}
import { eventNames } from "./naming";
import { replyIntervalSeconds } from "../config/replies-schema";
import { Duration } from "../lib/core/duration";
import type { RepliesProps } from "../lib/aws/runtime-config";

/** The event's `replies` block as library props; undefined when absent or turned off. */
export function repliesPropsFor(event: EventSpec): RepliesProps | undefined {
  const r = event.replies;
  if (!r || !r.enabled) return undefined;
  return { phone: r.phone, interval: Duration.seconds(replyIntervalSeconds(r)), outsideWindow: r.outsideWindow, closedHelp: r.closedHelp, language: r.language, cc: r.cc };
}

/** An event's YAML as the library's inbox input (the part the function's EVENT_CONFIG is built from). */
export function inboxInputFor(foundation: FoundationConfig, event: EventSpec): Omit<RuntimeConfigInput, "bucket" | "prefix"> & { bucketName: string; objectKeyPrefix: string } {
  return {
    slug: event.slug,
    title: event.title,
    customer: event.label,
    customers: event.customerSpecs.map(customerPropsFor),
    addresses: [...event.addresses],
    window: { start: event.windowUtc.start, end: event.windowUtc.end, timeZone: event.window.timeZone },
    trustedSenders: event.trustedSenders,
    policy: { outsideWindow: event.function.outsideWindow, unverified: event.function.unverified, unlistedColleague: event.function.unlistedColleague },
    bodyMaxChars: event.function.bodyMaxChars,
    bucketName: bucketNameFor(foundation),
    objectKeyPrefix: eventNames(foundation, event.slug).mailPrefix,
    region: foundation.region,
    replies: repliesPropsFor(event),
  };
}

/** What the event's function gets as EVENT_CONFIG: built by the library, exactly as the stack builds it. */
export function runtimeConfigFor(foundation: FoundationConfig, event: EventSpec): FunctionRuntimeConfig {
  const i = inboxInputFor(foundation, event);
  return buildRuntimeConfig({ ...i, bucket: i.bucketName, prefix: i.objectKeyPrefix });
}
