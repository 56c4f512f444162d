import { flatten } from "./flatten";
import { isSensitive, MASK } from "./mask";
import { code, formatValue } from "./markdown";
import type { Json, JsonObject } from "./model";

/** The part of `terraform show -json <planfile>` this summary reads. */
export interface PlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly mode?: string;
    readonly type: string;
    readonly name?: string;
    readonly change: {
      readonly actions: readonly string[];
      readonly before?: Json;
      readonly after?: Json;
      readonly after_unknown?: Json;
      readonly before_sensitive?: Json;
      readonly after_sensitive?: Json;
    };
  }[];
}

export type PlanAction = "create" | "update" | "delete" | "replace";

export interface PlannedChange {
  readonly address: string;
  readonly action: PlanAction;
  readonly attributes: readonly { path: string; before: Json | undefined; after: Json | undefined; sensitive: boolean; unknown: boolean }[];
}

export interface StackPlan {
  readonly stack: string;
  readonly counts: { add: number; change: number; destroy: number };
  readonly changes: readonly PlannedChange[];
}

function actionOf(actions: readonly string[]): PlanAction | undefined {
  const a = [...actions].sort().join(",");
  if (a === "create") return "create";
  if (a === "update") return "update";
  if (a === "delete") return "delete";
  if (a === "create,delete") return "replace";
  return undefined; // no-op, read
}

/** Paths marked `true` in Terraform's before_sensitive/after_sensitive/after_unknown shadows. */
function markedPaths(shadow: Json | undefined): string[] {
  if (shadow === undefined || shadow === null || shadow === false) return [];
  if (shadow === true) return [""];
  const out: string[] = [];
  for (const [p, v] of flatten(shadow)) if (v === true || (Array.isArray(v) && v.includes(true))) out.push(p);
  return out;
}

const under = (path: string, marks: readonly string[]) =>
  marks.some((m) => m === "" || path === m || (path.startsWith(m) && /^[.[⟨]/.test(path.slice(m.length))));

/** Per-stack summary of a saved plan, like `terraform plan` counts it (a replace is +1 and -1). */
export function summarizePlan(stack: string, plan: PlanJson): StackPlan {
  const changes: PlannedChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === "data") continue;
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    const c = rc.change;
    const sensitive = [...markedPaths(c.before_sensitive), ...markedPaths(c.after_sensitive)];
    const unknown = markedPaths(c.after_unknown);
    const before = c.before === null || c.before === undefined ? new Map<string, Json>() : flatten(c.before);
    const after = c.after === null || c.after === undefined ? new Map<string, Json>() : flatten(c.after);
    const attributes: PlannedChange["attributes"][number][] = [];
    if (action === "update" || action === "replace") {
      for (const p of [...new Set([...before.keys(), ...after.keys(), ...unknown])].sort()) {
        const b = before.get(p);
        const a = after.get(p);
        const isUnknown = under(p, unknown);
        if (!isUnknown && JSON.stringify(b) === JSON.stringify(a)) continue;
        const block = { kind: "resource" as const, type: rc.type, body: {} as JsonObject };
        attributes.push({ path: p, before: b, after: isUnknown ? undefined : a, sensitive: under(p, sensitive) || isSensitive(block, p, b, a), unknown: isUnknown });
      }
    }
    changes.push({ address: rc.address, action, attributes });
  }
  changes.sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  const counts = { add: 0, change: 0, destroy: 0 };
  for (const c of changes) {
    if (c.action === "create" || c.action === "replace") counts.add++;
    if (c.action === "delete" || c.action === "replace") counts.destroy++;
    if (c.action === "update") counts.change++;
  }
  return { stack, counts, changes };
}

const SYMBOL: Record<PlanAction, string> = { create: "+ create", update: "~ update", delete: "- destroy", replace: "-/+ replace" };

/** Markdown for the PR comment and the deploy job summary: counts, resources, masked attribute changes. */
export function renderPlans(plans: readonly StackPlan[]): string {
  const out: string[] = ["## Terraform plan (read-only credentials)", ""];
  if (plans.length === 0) return [...out, "No stack needed a plan.", ""].join("\n");
  out.push("| Stack | Add | Change | Destroy |", "|---|---:|---:|---:|");
  const sorted = [...plans].sort((a, b) => (a.stack < b.stack ? -1 : 1));
  for (const p of sorted) out.push(`| ${code(p.stack)} | ${p.counts.add} | ${p.counts.change} | ${p.counts.destroy} |`);
  for (const p of sorted) {
    out.push("", `### ${code(p.stack)}: ${p.counts.add} to add, ${p.counts.change} to change, ${p.counts.destroy} to destroy`, "");
    if (p.changes.length === 0) {
      out.push("No changes: the infrastructure matches the configuration.");
      continue;
    }
    for (const c of p.changes) {
      out.push(`- **${SYMBOL[c.action]}** ${code(c.address)}`);
      if (c.attributes.length === 0) continue;
      out.push("", "  | Attribute | Before | After |", "  |---|---|---|");
      for (const a of c.attributes) {
        const after = a.unknown ? "_(known after apply)_" : formatValue(a.after, a.sensitive);
        out.push(`  | ${code(a.path || "(value)")} | ${formatValue(a.before, a.sensitive)} | ${a.sensitive && a.unknown ? `_${MASK}_` : after} |`);
      }
      out.push("");
    }
  }
  return out.join("\n").replace(/\n+$/, "") + "\n";
}
