import { App } from "cdktf";
import type { AppConfig } from "../config/load";
import { EventStack } from "./event-stack";
import { FoundationStack } from "./foundation-stack";
import { eventNames, foundationNames } from "./naming";

export interface BuiltApp {
  readonly foundation: FoundationStack;
  readonly events: readonly EventStack[];
}

/** One foundation stack plus one stack per event config file. */
export function buildApp(app: App, config: AppConfig, options: { functionCodeZip?: string } = {}): BuiltApp {
  const foundation = new FoundationStack(app, foundationNames(config.foundation).stack, {
    foundation: config.foundation,
    events: config.events,
  });
  const events = config.events.map(
    (event) =>
      new EventStack(app, eventNames(config.foundation, event.slug).stack, {
        foundation: config.foundation,
        event,
        functionCodeZip: options.functionCodeZip,
      }),
  );
  return { foundation, events };
}
