/**
 * `npm run --silent review -- --base <git-ref> [--head-dir <synth dir>] [--base-dir <synth dir>] [--out <file>]`
 *
 * Synthesizes the base ref (in a temporary git worktree) and the working tree, then prints the
 * desired-state difference as Markdown. Needs no cloud credentials, so it works for forks and
 * laptops; the PR workflow posts it next to the real `terraform plan`. `--base-dir`/`--head-dir`
 * take already synthesized outputs (a cdktf.out folder) instead of running synth.
 * `--changed-stacks-out <file>` also writes the JSON list of stacks to plan/apply (added or changed;
 * foundation first). `--plans <dir>` instead renders `<dir>/<stack>.plan.json` files (from
 * `terraform show -json`) as the masked plan summary the workflows post.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { diffSynth } from "./review/diff";
import type { ReviewDiff } from "./review/model";
import { renderPlans, summarizePlan, type PlanJson } from "./review/plan";
import { loadSynthSet } from "./review/load";
import { renderMarkdown } from "./review/markdown";
import { insertAfterSummary, whoCanPageMarkdown } from "./review/who-can-page";
import type { SynthSet } from "./review/model";
import { synthTree, withBaseWorktree } from "./review/synth";
import { CONFIG_DIR_ENV } from "../config/dir";
import { CliIo, CONFIG_DIR_OPTION, exitWith, parseCommand, type Parsed, processIo, runCommand, UsageError, usage } from "./lib/cli";

interface Args {
  base?: string;
  baseDir?: string;
  headDir?: string;
  out?: string;
  maxChars?: number;
  changedStacksOut?: string;
  plans?: string;
  configDir: string;
}

export const REVIEW_COMMAND = {
  command: "npm run --silent review --",
  summary:
    "Credential-free desired-state diff of every stack, in Markdown: synthesizes --base (in a temporary git worktree) and the\n" +
    "working tree, or compares two synth outputs (--base-dir/--head-dir). --plans renders saved-plan JSON instead.",
  options: {
    base: { type: "string", value: "<git-ref>", description: "the side to compare against, e.g. origin/main" },
    "base-dir": { type: "string", value: "<cdktf.out>", description: "an existing synth output as the base side" },
    "head-dir": { type: "string", value: "<cdktf.out>", description: "an existing synth output as the head side; default: synthesize the working tree" },
    out: { type: "string", value: "<file.md>", description: "write the Markdown there instead of stdout" },
    "max-chars": { type: "string", value: "<N>", description: "stop listing stacks before N characters (GitHub comments hold 65,536)", default: "60000" },
    "changed-stacks-out": { type: "string", value: "<file.json>", description: "also write the stacks to plan/apply (added or changed, foundation first)" },
    plans: { type: "string", value: "<dir>", description: "render <dir>/<stack>.plan.json (terraform show -json) as the masked plan summary" },
    "config-dir": {
      ...CONFIG_DIR_OPTION,
      description: `config folder inside each side's tree (relative to the repository; env ${CONFIG_DIR_ENV})`,
    },
  },
  notes: ["Use `npm run --silent review` (or --out): without --silent npm prints its own banner on stdout, into a redirected file."],
} as const;

export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Args {
  const parsed = parseCommand(REVIEW_COMMAND, argv, env);
  if (parsed.help) throw new UsageError(usage(REVIEW_COMMAND));
  return argsOf(parsed.values);
}

function argsOf(v: Extract<Parsed<typeof REVIEW_COMMAND>, { help: false }>["values"]): Args {
  const args: Args = {
    base: v.base,
    baseDir: v["base-dir"],
    headDir: v["head-dir"],
    out: v.out,
    maxChars: Number(v["max-chars"]),
    changedStacksOut: v["changed-stacks-out"],
    plans: v.plans,
    configDir: v["config-dir"],
  };
  if (!args.base && !args.baseDir && !args.plans) throw new UsageError("--base (or --base-dir) is required");
  if (!(args.maxChars! > 0)) throw new UsageError("--max-chars must be a positive number");
  // Each side reads its own copy of the config: an absolute folder would make both sides the same.
  if (path.isAbsolute(args.configDir)) throw new UsageError(`--config-dir must be relative to the repository (got ${args.configDir})`);
  return args;
}

function main(args: Args, out: (s: string) => void): number {
  if (args.plans) return emit(renderPlansDir(args.plans), args.out, out);
  const repo = process.cwd();
  const notes: string[] = [];
  const synthEnv = { ...process.env, [CONFIG_DIR_ENV]: args.configDir };
  const baseSet: SynthSet = args.baseDir
    ? loadSynthSet(args.baseDir)
    : withBaseWorktree(repo, args.base!, (dir) => {
        const r = synthTree(dir, synthEnv);
        if (r.note) notes.push(`base: ${r.note}`);
        return r.set;
      });
  const headSet: SynthSet = args.headDir ? loadSynthSet(args.headDir) : synthTree(repo, synthEnv).set;
  const diff = diffSynth(baseSet, headSet);
  if (args.changedStacksOut) fs.writeFileSync(args.changedStacksOut, `${JSON.stringify(stacksToDeploy(diff))}\n`);
  let md = renderMarkdown(diff, {
    baseLabel: args.base ?? path.basename(args.baseDir!),
    headLabel: args.headDir ? path.basename(args.headDir) : "working tree",
    maxChars: args.maxChars,
  });
  const whoCanPage = whoCanPageMarkdown(baseSet, headSet);
  if (whoCanPage) md = insertAfterSummary(md, whoCanPage);
  if (notes.length) md += `\n${notes.map((n) => `> ${n}`).join("\n")}\n`;
  return emit(md, args.out, out);
}

/** `npm run review`; returns the exit code. */
export function runReview(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(REVIEW_COMMAND, argv, io, ({ values }) => main(argsOf(values), io.out));
}

function emit(md: string, file: string | undefined, out: (s: string) => void): number {
  if (file) fs.writeFileSync(file, md);
  else out(md);
  return 0;
}

/**
 * Stacks a pipeline must plan/apply: added or changed ones, foundation first (events rely on its
 * rule set and bucket). Removed stacks are left to the retire workflow: destroying is never a
 * side effect of a merge.
 */
export function stacksToDeploy(diff: ReviewDiff): string[] {
  const names = diff.stacks.filter((s) => s.status === "added" || s.status === "changed").map((s) => s.stack);
  return [...names.filter((n) => n === "foundation"), ...names.filter((n) => n !== "foundation")];
}

function renderPlansDir(dir: string): string {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".plan.json")).sort();
  return renderPlans(files.map((f) => summarizePlan(f.replace(/\.plan\.json$/, ""), JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as PlanJson)));
}

if (require.main === module) exitWith("review", runReview(process.argv.slice(2), processIo()));
