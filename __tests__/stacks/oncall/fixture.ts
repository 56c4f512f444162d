import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Testing, TerraformStack } from "cdktf";
import { EventSpec, loadConfig } from "../../../config/load";
import { OnCallInput, onCallSchema } from "../../../config/oncall-schema";
import type { FoundationConfig } from "../../../config/schema";
import { EmergencyOnCall, GrafanaOnCallProvider } from "../../../lib";
import { resources, TfJson } from "../../support/synth";
import { onCallPropsFor } from "../../../stacks/event-on-call";

export const ROOT = path.resolve(__dirname, "..", "..", "..");

let loaded: { foundation: FoundationConfig; event: EventSpec } | undefined;

/** The example event (events/black-friday-2026.yaml) as the loader validates it. */
export function exampleEvent(): { foundation: FoundationConfig; event: EventSpec } {
  if (!loaded) {
    const c = loadConfig(path.join(ROOT, "events"));
    const event = c.events.find((e) => e.slug === "black-friday-2026");
    if (!event) throw new Error("example event black-friday-2026 not found");
    loaded = { foundation: c.foundation, event };
  }
  return loaded;
}

/** The example event with another `oncall` block (validated by the real schema). */
export function eventWith(oncall: OnCallInput): EventSpec {
  return { ...exampleEvent().event, oncall: onCallSchema.parse(oncall) };
}

export interface Synthesized {
  readonly json: string;
  readonly stack: Record<string, any>;
  readonly construct: EmergencyOnCall;
}

/** Synthesizes the event's EmergencyOnCall alone in a stack, with the health topic the inbox would hand over. */
export function synthOnCall(event: EventSpec = exampleEvent().event): Synthesized {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const healthTopic = new SnsTopic(stack, "health", { name: "email-to-oncall-test-health" });
  new GrafanaOnCallProvider(stack, "grafana");
  const construct = new EmergencyOnCall(stack, "oncall", onCallPropsFor(event));
  construct.consumeHealthTopic(healthTopic);
  const json = Testing.synth(stack, true);
  return { json, stack: JSON.parse(json), construct };
}

/** Resources of one type, as an array of their bodies (the shared synth helper's, typed loosely for these tests). */
export function resourcesOf(stack: Record<string, any>, type: string): Record<string, any>[] {
  return resources(stack as TfJson, type) as Record<string, any>[];
}
