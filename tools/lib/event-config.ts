import { DEFAULT_CONFIG_DIR } from "../../config/dir";
import { AppConfig, loadConfig } from "../../config/load";
import { parseRuntimeConfig } from "../../functions/mail-to-alert/config";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { runtimeConfigFor } from "../../stacks/function-config";

/**
 * The function configs of the events in `dir`, built exactly as the event stack builds them and
 * validated exactly as the function validates them at cold start.
 */
export function eventRuntimeConfigs(dir: string = DEFAULT_CONFIG_DIR): FunctionRuntimeConfig[] {
  return runtimeConfigsOf(loadConfig(dir));
}

/** Same, for a config the caller already loaded (and may need for more than the events). */
export function runtimeConfigsOf({ foundation, events }: AppConfig): FunctionRuntimeConfig[] {
  return events.map((e) => parseRuntimeConfig(JSON.stringify(runtimeConfigFor(foundation, e))));
}

/**
 * The event a mail is for: `--event` when given; the only configured event; else the event owning
 * one of `recipients` (envelope RCPT TO, else the mail's To/Cc), the way SES's receipt rules pick
 * the function. Several events among the recipients is ambiguous and needs `--event`.
 */
export function pickEvent(
  configs: readonly FunctionRuntimeConfig[],
  slug: string | undefined,
  recipients?: { readonly addresses: readonly string[]; readonly source: string },
): FunctionRuntimeConfig {
  if (configs.length === 0) throw new Error("no event configs found");
  const list = configs.map((c) => c.slug).join(", ");
  if (slug !== undefined) {
    const hit = configs.find((c) => c.slug === slug);
    if (!hit) throw new Error(`no event "${slug}"; configured: ${list}`);
    return hit;
  }
  if (configs.length === 1) return configs[0]!;
  if (!recipients) throw new Error(`several events are configured; choose one with --event (${list})`);
  const owners = eventsOwning(configs, recipients.addresses);
  if (owners.length === 1) return owners[0]!;
  const rcpt = recipients.addresses.join(", ") || "none";
  if (owners.length === 0) throw new Error(`no configured event receives mail for the ${recipients.source} (${rcpt}); choose one with --event (${list})`);
  throw new Error(`the ${recipients.source} (${rcpt}) belong to several events (${owners.map((c) => c.slug).join(", ")}); choose one with --event`);
}

/** Events that own at least one of `addresses` (case-insensitive), in config order. */
export function eventsOwning(configs: readonly FunctionRuntimeConfig[], addresses: readonly string[]): FunctionRuntimeConfig[] {
  const wanted = new Set(addresses.map((a) => a.toLowerCase()));
  return configs.filter((c) => c.addresses.some((a) => wanted.has(a)));
}
