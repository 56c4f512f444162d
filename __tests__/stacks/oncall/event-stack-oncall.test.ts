import * as path from "node:path";
import { Testing } from "cdktf";
import { loadConfig } from "../../../config/load";
import { buildApp } from "../../../stacks/app";
import { validateGrafanaStack } from "../../support/grafana-schema";
import { stubFunctionCode } from "../../support/synth";
import { ROOT } from "./fixture";

// The whole example event stack as `cdktf synth` builds it (a stub function bundle keeps it fast).

const config = loadConfig(path.join(ROOT, "events"));
const built = buildApp(Testing.app(), config, { functionCodeZip: stubFunctionCode() });
const eventStack = built.events.find((s) => s.node.id === "black-friday-2026")!;
const json = Testing.synth(eventStack);
const stack = JSON.parse(json);

describe("the example event stack (black-friday-2026)", () => {
  test("every grafana resource and data source passes the provider schema validation", () => {
    expect(Object.keys(stack.resource).filter((t) => t.startsWith("grafana_")).length).toBeGreaterThanOrEqual(6);
    expect(validateGrafanaStack(stack)).toEqual([]);
  });

  test("declares a rotation of at least 3 people, a 3-step escalation and one extra route", () => {
    const [shift] = Object.values(stack.resource.grafana_oncall_on_call_shift) as any[];
    expect(shift.rolling_users.length).toBeGreaterThanOrEqual(3);
    expect(config.events[0].oncall!.escalation.length).toBeGreaterThanOrEqual(3);
    // The notify lane's, the CTO's, Acme Shop's own (its Slack channel) and the platinum tier's;
    // and on the notify integration, Acme Shop's notify alerts to its channel.
    expect(Object.keys(stack.resource.grafana_oncall_route)).toHaveLength(5);
  });

  test("the integration URL reaches the function only through sensitive() references, never an output", () => {
    const uses = json.match(/"[^"]*grafana_oncall_integration\.[A-Za-z0-9_-]+\.link[^"]*"/g) ?? [];
    expect(uses.length).toBeGreaterThanOrEqual(2); // SSM parameter value + SNS subscription endpoint
    for (const u of uses) expect(u).toMatch(/^"\$\{sensitive\(grafana_oncall_integration\.[A-Za-z0-9_-]+\.link\)\}"$/);
    for (const o of Object.values(stack.output ?? {}) as any[]) expect(JSON.stringify(o)).not.toMatch(/grafana_oncall_integration/);
    expect(json).not.toMatch(/https:\/\/[^"]*\/integrations\/v1\//);
  });
});
