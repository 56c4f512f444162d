import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The synth output folder (cdktf.out) always holds exactly the stacks of the last successful synth,
 * or nothing. cdktf writes into the existing folder and only the manifest forgets a removed stack,
 * so a deleted event would stay in `stacks/` as a ghost that anything globbing stacks (CI plans)
 * would pick up.
 *
 * Chosen design: synthesize into a fresh sibling folder and swap it in with renames, instead of
 * clearing `stacks/` first. A crash or a failed synth then never leaves a half-written tree that
 * looks current, and a reader sees the old tree, nothing, or the new tree, never a mix. What
 * `terraform init` left in a surviving stack's folder (`.terraform/` with the providers,
 * `.terraform.lock.hcl`) is moved into the new tree so a re-synth costs no re-download; saved plans
 * (`tfplan`) are not: they were made from the old tree. When the config is invalid or synth throws,
 * the previous output is removed, since it no longer describes the config.
 */

/** Files `terraform init` writes into a stack folder that stay valid across a re-synth. */
const KEPT_FROM_INIT = [".terraform", ".terraform.lock.hcl"];

function sibling(outdir: string, tag: string): string {
  return path.join(path.dirname(outdir), `.${path.basename(outdir)}.${tag}-${process.pid}-${Date.now().toString(36)}`);
}

/** Moves `.terraform/` and the lock file of stacks that exist in both trees from `from` to `to`. */
function carryInitState(from: string, to: string): void {
  const stacks = path.join(from, "stacks");
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks)) {
    const target = path.join(to, "stacks", stack);
    if (!fs.existsSync(target)) continue; // a removed stack: its init state goes with it
    for (const name of KEPT_FROM_INIT) {
      const src = path.join(stacks, stack, name);
      if (fs.existsSync(src) && !fs.existsSync(path.join(target, name))) fs.renameSync(src, path.join(target, name));
    }
  }
}

/** Removes a previous output that no longer matches the config (failed synth). */
export function discardOutput(outdir: string): boolean {
  if (!fs.existsSync(outdir)) return false;
  // Rename first: the stale tree disappears at once even if deleting a large .terraform takes time.
  const doomed = sibling(outdir, "stale");
  fs.renameSync(outdir, doomed);
  fs.rmSync(doomed, { recursive: true, force: true });
  return true;
}

/**
 * Runs `synth(tmpdir)` and, when it returns, makes that folder `outdir`. When it throws, removes
 * both the temporary folder and the previous output, then rethrows.
 */
export function synthInto(outdir: string, synth: (dir: string) => void): void {
  const abs = path.resolve(outdir);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const next = sibling(abs, "next");
  fs.mkdirSync(next);
  try {
    synth(next);
  } catch (e) {
    fs.rmSync(next, { recursive: true, force: true });
    discardOutput(abs);
    throw e;
  }
  let old: string | undefined;
  if (fs.existsSync(abs)) {
    carryInitState(abs, next);
    old = sibling(abs, "old");
    fs.renameSync(abs, old);
  }
  fs.renameSync(next, abs);
  if (old) fs.rmSync(old, { recursive: true, force: true });
}
