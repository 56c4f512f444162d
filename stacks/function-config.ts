import type { EventSpec } from "../config/load";
import { bucketNameFor } from "../config/bucket-name";
import type { FoundationConfig } from "../config/schema";
import type { FunctionRuntimeConfig } from "../functions/mail-to-alert/contract";
import { eventNames } from "./naming";

/** Lower case, without the root dot a fully qualified name may end with (`acme-shop.example.`). */
const withoutRootDot = (v: string) => v.toLowerCase().replace(/\.+$/, "");

/** What the event's function needs to decide and render, derived from validated config only. */
export function runtimeConfigFor(foundation: FoundationConfig, event: EventSpec): FunctionRuntimeConfig {
  return {
    slug: event.slug,
    title: event.title,
    customer: event.customer,
    addresses: [...event.addresses],
    window: { start: event.windowUtc.start.toISOString(), end: event.windowUtc.end.toISOString(), timeZone: event.window.timeZone },
    trustedSenders: {
      addresses: event.trustedSenders.addresses.map(withoutRootDot),
      domains: event.trustedSenders.domains.map(withoutRootDot),
      relays: event.trustedSenders.relays.map((r) => ({ address: withoutRootDot(r.address), sealer: withoutRootDot(r.sealer) })),
    },
    policy: { outsideWindow: event.function.outsideWindow, unverified: event.function.unverified, unlistedColleague: event.function.unlistedColleague },
    bodyMaxChars: event.function.bodyMaxChars,
    rawMailLink: event.function.rawMailLink,
    bucket: bucketNameFor(foundation),
    prefix: eventNames(foundation, event.slug).mailPrefix,
    region: foundation.region,
  };
}
