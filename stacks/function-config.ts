import type { EventSpec } from "../config/load";
import { bucketNameFor } from "../config/bucket-name";
import type { FoundationConfig } from "../config/schema";
import type { FunctionRuntimeConfig } from "../functions/mail-to-alert/contract";
import { buildRuntimeConfig, RuntimeConfigInput } from "../lib/aws/runtime-config";
import { eventNames } from "./naming";

/** An event's YAML as the library's inbox input (the part the function's EVENT_CONFIG is built from). */
export function inboxInputFor(foundation: FoundationConfig, event: EventSpec): Omit<RuntimeConfigInput, "bucket" | "prefix"> & { bucketName: string; objectKeyPrefix: string } {
  return {
    slug: event.slug,
    title: event.title,
    customer: event.customer,
    addresses: [...event.addresses],
    window: { start: event.windowUtc.start, end: event.windowUtc.end, timeZone: event.window.timeZone },
    trustedSenders: event.trustedSenders,
    policy: { outsideWindow: event.function.outsideWindow, unverified: event.function.unverified, unlistedColleague: event.function.unlistedColleague },
    bodyMaxChars: event.function.bodyMaxChars,
    bucketName: bucketNameFor(foundation),
    objectKeyPrefix: eventNames(foundation, event.slug).mailPrefix,
    region: foundation.region,
  };
}

/** What the event's function gets as EVENT_CONFIG: built by the library, exactly as the stack builds it. */
export function runtimeConfigFor(foundation: FoundationConfig, event: EventSpec): FunctionRuntimeConfig {
  const i = inboxInputFor(foundation, event);
  return buildRuntimeConfig({ ...i, bucket: i.bucketName, prefix: i.objectKeyPrefix });
}
