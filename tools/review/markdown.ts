import { MASK } from "./mask";
import type { AttributeChange, BlockDiff, Json, ReviewDiff, StackDiff } from "./model";

export interface RenderOptions {
  /** How the two sides are named in the heading, e.g. `origin/main` and `working tree`. */
  readonly baseLabel: string;
  readonly headLabel: string;
  /** Longest rendered value before it is cut (characters). */
  readonly maxValueChars?: number;
  /** GitHub comments hold 65,536 characters; stop listing blocks before this and say so. */
  readonly maxChars?: number;
}

/** HTML marker the PR workflow uses to find and update its one comment. */
export const REVIEW_MARKER = "<!-- email-to-oncall:review -->";

const SYMBOL = { add: "+", change: "~", remove: "-" } as const;
const VERB = { add: "add", change: "change", remove: "remove" } as const;

/** Inline code that survives table cells: pipes escaped, backtick runs fenced by longer runs. */
export function code(text: string): string {
  const escaped = text.replace(/\|/g, "\\|").replace(/\r?\n/g, "⏎");
  const longest = Math.max(0, ...[...escaped.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = escaped.startsWith("`") || escaped.endsWith("`") ? " " : "";
  return `${fence}${pad}${escaped}${pad}${fence}`;
}

export function formatValue(value: Json | undefined, sensitive: boolean, maxChars = 160): string {
  if (value === undefined) return "_(absent)_";
  if (sensitive) return `_${MASK}_`;
  let text = JSON.stringify(value);
  if (text.length > maxChars) text = `${text.slice(0, maxChars)}… (${text.length} chars)`;
  return code(text);
}

function attributeTable(block: BlockDiff, opts: RenderOptions): string[] {
  const max = opts.maxValueChars;
  if (block.action === "add") {
    const rows = block.attributes.map((a) => `| ${code(a.path || "(value)")} | ${formatValue(a.after, a.sensitive, max)} |`);
    return ["", `<details><summary>${block.attributes.length} attribute${block.attributes.length === 1 ? "" : "s"}</summary>`, "", "| Attribute | Value |", "|---|---|", ...rows, "", "</details>"];
  }
  if (block.attributes.length === 0) return [];
  const after = (a: AttributeChange) => (a.through ? `_changes: it reads ${code(a.through)}, which changed_` : formatValue(a.after, a.sensitive, max));
  const rows = block.attributes.map((a: AttributeChange) => `| ${code(a.path || "(value)")} | ${formatValue(a.before, a.sensitive, max)} | ${after(a)} |`);
  return ["", "| Attribute | Before | After |", "|---|---|---|", ...rows];
}

function blockLines(block: BlockDiff, opts: RenderOptions): string[] {
  const notes: string[] = [];
  if (block.assetsChanged.length > 0) notes.push(`function code changed (${block.assetsChanged.map(code).join(", ")})`);
  const head = `**${SYMBOL[block.action]} ${code(block.address)}** ${VERB[block.action]}${notes.length ? ` — ${notes.join("; ")}` : ""}`;
  return [head, ...attributeTable(block, opts), ""];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function countsText(s: Pick<StackDiff, "counts">): string {
  return `${s.counts.add} to add, ${s.counts.change} to change, ${s.counts.remove} to remove`;
}

function stackSection(stack: StackDiff, opts: RenderOptions): string[] {
  const title: Record<StackDiff["status"], string> = {
    added: "new stack",
    removed: "stack removed (its resources are destroyed only by the retire workflow)",
    changed: "changed",
    unchanged: "unchanged",
  };
  const lines = [`### ${code(stack.stack)} — ${title[stack.status]} (${countsText(stack)})`, ""];
  const others = stack.blocks.filter((b) => b.kind !== "resource");
  if (stack.status === "removed") {
    lines.push(`${plural(stack.blocks.filter((b) => b.kind === "resource").length, "resource")} declared on the base side:`, "");
    for (const b of stack.blocks.filter((x) => x.kind === "resource")) lines.push(`- ${code(b.address)}`);
    lines.push("");
    return lines;
  }
  for (const b of stack.blocks.filter((x) => x.kind === "resource")) lines.push(...blockLines(b, opts));
  if (others.length > 0) {
    lines.push("**Data sources, outputs, providers and settings**", "");
    for (const b of others) lines.push(...blockLines(b, opts));
  }
  return lines;
}

/**
 * Renders the review as GitHub Markdown. Stacks with no change are named in one line only.
 * Deterministic: the same diff gives the same text (the PR comment only changes when the plan does).
 */
export function renderMarkdown(diff: ReviewDiff, opts: RenderOptions): string {
  const changed = diff.stacks.filter((s) => s.status !== "unchanged");
  const unchanged = diff.stacks.filter((s) => s.status === "unchanged");
  const out: string[] = [REVIEW_MARKER, `## Desired-state review: ${code(opts.baseLabel)} → ${code(opts.headLabel)}`, ""];
  out.push("_Computed from `cdktf synth` output of both sides, without cloud credentials. Counts are managed resources; sensitive values are shown as " + `${MASK}._`, "");
  if (changed.length === 0) {
    out.push(`**No desired-state change** in ${plural(diff.stacks.length, "stack")}.`);
    return out.join("\n") + "\n";
  }
  const total = changed.reduce((t, s) => ({ add: t.add + s.counts.add, change: t.change + s.counts.change, remove: t.remove + s.counts.remove }), { add: 0, change: 0, remove: 0 });
  out.push(`**${plural(changed.length, "stack")} changed: ${countsText({ counts: total })}.**`, "");
  out.push("| Stack | Status | Add | Change | Remove |", "|---|---|---:|---:|---:|");
  for (const s of changed) out.push(`| ${code(s.stack)} | ${s.status} | ${s.counts.add} | ${s.counts.change} | ${s.counts.remove} |`);
  out.push("");
  if (unchanged.length > 0) out.push(`Unchanged: ${unchanged.map((s) => code(s.stack)).join(", ")}.`, "");

  const limit = opts.maxChars ?? Infinity;
  let length = out.join("\n").length;
  for (const s of changed) {
    const section = stackSection(s, opts);
    const text = section.join("\n");
    if (length + text.length > limit) {
      out.push(`_Review cut at ${limit} characters: run \`npm run --silent review -- --base ${opts.baseLabel}\` locally for the rest (from stack ${code(s.stack)} on)._`);
      break;
    }
    out.push(...section);
    length += text.length + 1;
  }
  return out.join("\n").replace(/\n+$/, "") + "\n";
}
