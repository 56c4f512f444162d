/**
 * `npm run review -- --base <git-ref> [--head-dir <synth dir>] [--base-dir <synth dir>] [--out <file>]`
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
import type { SynthSet } from "./review/model";
import { synthTree, withBaseWorktree } from "./review/synth";

interface Args {
  base?: string;
  baseDir?: string;
  headDir?: string;
  out?: string;
  maxChars?: number;
  changedStacksOut?: string;
  plans?: string;
}

const USAGE =
  "usage: npm run review -- --base <git-ref> [--head-dir <cdktf.out>] [--base-dir <cdktf.out>] [--out <file.md>] [--max-chars N] [--changed-stacks-out <file.json>]\n" +
  "       npm run review -- --plans <dir of <stack>.plan.json> [--out <file.md>]";

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--base": args.base = value(); break;
      case "--base-dir": args.baseDir = value(); break;
      case "--head-dir": args.headDir = value(); break;
      case "--out": args.out = value(); break;
      case "--max-chars": args.maxChars = Number(value()); break;
      case "--changed-stacks-out": args.changedStacksOut = value(); break;
      case "--plans": args.plans = value(); break;
      case "-h": case "--help": throw new Error(USAGE);
      default: throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  if (!args.base && !args.baseDir && !args.plans) throw new Error(`--base (or --base-dir) is required\n${USAGE}`);
  if (args.maxChars !== undefined && !(args.maxChars > 0)) throw new Error("--max-chars must be a positive number");
  return args;
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (args.plans) return emit(renderPlansDir(args.plans), args.out);
  const repo = process.cwd();
  const notes: string[] = [];
  const baseSet: SynthSet = args.baseDir
    ? loadSynthSet(args.baseDir)
    : withBaseWorktree(repo, args.base!, (dir) => {
        const r = synthTree(dir);
        if (r.note) notes.push(`base: ${r.note}`);
        return r.set;
      });
  const headSet: SynthSet = args.headDir ? loadSynthSet(args.headDir) : synthTree(repo).set;
  const diff = diffSynth(baseSet, headSet);
  if (args.changedStacksOut) fs.writeFileSync(args.changedStacksOut, `${JSON.stringify(stacksToDeploy(diff))}\n`);
  let md = renderMarkdown(diff, {
    baseLabel: args.base ?? path.basename(args.baseDir!),
    headLabel: args.headDir ? path.basename(args.headDir) : "working tree",
    maxChars: args.maxChars ?? 60000,
  });
  if (notes.length) md += `\n${notes.map((n) => `> ${n}`).join("\n")}\n`;
  return emit(md, args.out);
}

function emit(md: string, out: string | undefined): number {
  if (out) fs.writeFileSync(out, md);
  else process.stdout.write(md);
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

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (e) {
    process.stderr.write(`review: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
