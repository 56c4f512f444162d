import { AppConfig, loadConfig } from "../../config/load";
import { parseRuntimeConfig } from "../../functions/mail-to-alert/config";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { runtimeConfigFor } from "../../stacks/function-config";

/**
 * The function configs of the events in `dir`, built exactly as the event stack builds them and
 * validated exactly as the function validates them at cold start.
 */
export function eventRuntimeConfigs(dir = "events"): FunctionRuntimeConfig[] {
  return runtimeConfigsOf(loadConfig(dir));
}

/** Same, for a config the caller already loaded (and may need for more than the events). */
export function runtimeConfigsOf({ foundation, events }: AppConfig): FunctionRuntimeConfig[] {
  return events.map((e) => parseRuntimeConfig(JSON.stringify(runtimeConfigFor(foundation, e))));
}

export function pickEvent(configs: readonly FunctionRuntimeConfig[], slug: string | undefined): FunctionRuntimeConfig {
  if (configs.length === 0) throw new Error("no event configs found");
  if (slug === undefined) {
    if (configs.length === 1) return configs[0]!;
    throw new Error(`several events are configured; choose one with --event (${configs.map((c) => c.slug).join(", ")})`);
  }
  const hit = configs.find((c) => c.slug === slug);
  if (!hit) throw new Error(`no event "${slug}"; configured: ${configs.map((c) => c.slug).join(", ")}`);
  return hit;
}
