/**
 * `npm run review -- --base <git-ref> [--head-dir <synth dir>] [--base-dir <synth dir>] [--out <file>]`
 *
 * Synthesizes the base ref (in a temporary git worktree) and the working tree, then prints the
 * desired-state difference as Markdown. Needs no cloud credentials, so it works for forks and
 * laptops; the PR workflow posts it next to the real `terraform plan`. `--base-dir`/`--head-dir`
 * take already synthesized outputs (a cdktf.out folder) instead of running synth.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { diffSynth } from "./review/diff";
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
}

const USAGE = "usage: npm run review -- --base <git-ref> [--head-dir <cdktf.out>] [--base-dir <cdktf.out>] [--out <file.md>] [--max-chars N]";

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
      case "-h": case "--help": throw new Error(USAGE);
      default: throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  if (!args.base && !args.baseDir) throw new Error(`--base (or --base-dir) is required\n${USAGE}`);
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
  let md = renderMarkdown(diffSynth(baseSet, headSet), {
    baseLabel: args.base ?? path.basename(args.baseDir!),
    headLabel: args.headDir ? path.basename(args.headDir) : "working tree",
    maxChars: args.maxChars ?? 60000,
  });
  if (notes.length) md += `\n${notes.map((n) => `> ${n}`).join("\n")}\n`;
  if (args.out) fs.writeFileSync(args.out, md);
  else process.stdout.write(md);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (e) {
    process.stderr.write(`review: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
