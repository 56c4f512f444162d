import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stacksToDeploy } from "../../tools/review";
import { renderPlans, summarizePlan, type PlanJson } from "../../tools/review/plan";
import type { ReviewDiff } from "../../tools/review/model";

const ROOT = path.join(__dirname, "..", "..");
const PLANS = path.join(__dirname, "..", "fixtures", "synth", "plans");
const plan = (stack: string) => JSON.parse(fs.readFileSync(path.join(PLANS, `${stack}.plan.json`), "utf8")) as PlanJson;

describe("plan summary for the PR comment and the deploy job summary", () => {
  const bf = summarizePlan("black-friday-2026", plan("black-friday-2026"));

  test("counts like terraform: replace is one add and one destroy; no-op and data reads are left out", () => {
    expect(bf.counts).toEqual({ add: 2, change: 2, destroy: 2 });
    expect(bf.changes.map((c) => [c.address, c.action])).toEqual([
      ["aws_cloudwatch_metric_alarm.dlq", "create"],
      ["aws_lambda_function.fn", "update"],
      ["aws_sqs_queue.old", "delete"],
      ["aws_ssm_parameter.oncall_url", "update"],
      ["grafana_oncall_on_call_shift.rotation", "replace"],
    ]);
  });

  test("changed attributes: computed ones are 'known after apply', JSON config is opened", () => {
    const fn = bf.changes.find((c) => c.address === "aws_lambda_function.fn")!;
    expect(fn.attributes.map((a) => a.path)).toEqual(["environment[0].variables.EVENT_CONFIG⟨json⟩.trustedSenders.addresses", "last_modified", "memory_size"]);
    expect(fn.attributes.find((a) => a.path === "last_modified")!.unknown).toBe(true);
  });

  test("values Terraform marks sensitive never appear", () => {
    const text = renderPlans([bf]);
    expect(text).not.toMatch(/OLDtoken|NEWtoken/);
    expect(text).toContain("| `value` | _(sensitive)_ | _(sensitive)_ |");
    expect(text).toContain("| `memory_size` | `256` | `512` |");
    expect(text).toContain("| `last_modified` | `\"2026-11-20T10:00:00.000+0000\"` | _(known after apply)_ |");
    expect(text).toContain("- **-/+ replace** `grafana_oncall_on_call_shift.rotation`");
  });

  test("a stack with only no-ops says so", () => {
    const text = renderPlans([summarizePlan("foundation", plan("foundation")), bf]);
    expect(text).toMatch(/\| `black-friday-2026` \| 2 \| 2 \| 2 \|\n\| `foundation` \| 0 \| 0 \| 0 \|/);
    expect(text).toContain("No changes: the infrastructure matches the configuration.");
  });

  test("the CLI renders a folder of plan JSON files", () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/review.ts", "--plans", PLANS], { cwd: ROOT, encoding: "utf8" });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("## Terraform plan");
    expect(res.stdout).toContain("`foundation`");
  });
});

describe("stacks to deploy", () => {
  const d = (stacks: [string, "added" | "removed" | "changed" | "unchanged"][]): ReviewDiff => ({
    stacks: stacks.map(([stack, status]) => ({ stack, status, blocks: [], counts: { add: 0, change: 0, remove: 0 } })),
  });
  test("foundation first, then changed and added events; removed and unchanged ones are not deployed", () => {
    expect(stacksToDeploy(d([["a-event", "changed"], ["b-event", "removed"], ["c-event", "added"], ["d-event", "unchanged"], ["foundation", "changed"]]))).toEqual(["foundation", "a-event", "c-event"]);
    expect(stacksToDeploy(d([["foundation", "unchanged"]]))).toEqual([]);
  });
});
