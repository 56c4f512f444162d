import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadSynthSet } from "./load";
import type { SynthSet } from "./model";

export interface SynthResult {
  readonly set: SynthSet;
  /** Set when the tree has no cdktf app to run (e.g. a base before the app existed). */
  readonly note?: string;
}

/**
 * Runs the project's synth (`node scripts/app.js`) in `dir`, writing to a fresh temporary
 * outdir (cdktf's App honours CDKTF_OUTDIR), so neither side touches the other's cdktf.out.
 * No credentials are passed: synth needs none, and a fork's PR must get the same review.
 */
export function synthTree(dir: string, env: NodeJS.ProcessEnv = process.env): SynthResult {
  if (!fs.existsSync(path.join(dir, "main.ts")) || !fs.existsSync(path.join(dir, "scripts", "app.js"))) {
    return { set: {}, note: "no cdktf app (main.ts, scripts/app.js) on this side: treated as empty" };
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "review-synth-"));
  try {
    const res = spawnSync(process.execPath, ["scripts/app.js"], {
      cwd: dir,
      env: { ...scrubbed(env), CDKTF_OUTDIR: outdir },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (res.status !== 0) {
      throw new Error(`synth failed in ${dir} (exit ${res.status ?? res.signal}):\n${(res.stderr || res.stdout).trim()}`);
    }
    return { set: loadSynthSet(outdir) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Drops credentials from the child's environment: synth must not depend on them. */
function scrubbed(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^(AWS_|GRAFANA_|GITHUB_TOKEN$|ACTIONS_ID_TOKEN)/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * Checks out `ref` into a temporary git worktree (detached), links the current node_modules into
 * it (same toolchain on both sides; a base with other dependencies would need `npm ci` there),
 * runs `fn` and always removes the worktree.
 */
export function withBaseWorktree<T>(repo: string, ref: string, fn: (dir: string) => T): T {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  const commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-base-"));
  git("worktree", "add", "--detach", "--force", dir, commit);
  try {
    const modules = path.join(repo, "node_modules");
    if (fs.existsSync(modules) && !fs.existsSync(path.join(dir, "node_modules"))) fs.symlinkSync(modules, path.join(dir, "node_modules"), "dir");
    return fn(dir);
  } finally {
    try {
      git("worktree", "remove", "--force", dir);
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
      git("worktree", "prune");
    }
  }
}
