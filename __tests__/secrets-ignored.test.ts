import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../config/load";
import { DEFAULT_LOCAL_MAIL_DIR } from "../tools/lib/local-cli";
import { eventYaml, FOUNDATION_YAML, loadFiles, REPO_ROOT, synthConfig } from "./support/synth";

// Every place this project makes Terraform (or its tools) write state, plans or other secrets must
// be git-ignored, so that one `git add -A` cannot commit the OnCall integration URLs. The paths
// are derived from what writes them: the synthesized backends, the workflow scripts, the tools.

const git = (args: string[], input?: string) => spawnSync("git", ["-C", REPO_ROOT, ...args], { encoding: "utf8", input });
const rel = (abs: string) => path.relative(REPO_ROOT, abs).split(path.sep).join("/");
const STACKS_DIR = path.join(REPO_ROOT, "cdktf.out", "stacks");

/** What a local backend at `statePath` makes Terraform write: the state, its backup, its lock info. */
function stateFiles(statePath: string): string[] {
  const dir = path.dirname(statePath);
  const base = path.basename(statePath);
  return [statePath, `${statePath}.backup`, path.join(dir, `.${base}.lock.info`)];
}

/** Local state paths of every stack, as the synthesized backend blocks name them (relative to the stack's folder). */
function backendStatePaths(config: ReturnType<typeof loadConfig>): string[] {
  const { parsed } = synthConfig(config);
  return Object.entries(parsed).flatMap(([stack, tf]) => {
    const local = (tf.terraform?.backend as { local?: { path: string } } | undefined)?.local;
    if (!local) throw new Error(`stack ${stack} has no local backend`);
    return stateFiles(path.resolve(STACKS_DIR, stack, local.path));
  });
}

/** Files the CI scripts write: `terraform -chdir=<stack dir> … -out=<plan>`, `seal.sh seal <bundle> <file>`. */
function scriptOutputs(stacks: readonly string[]): string[] {
  const bin = path.join(REPO_ROOT, ".github", "workflows", "bin");
  const workflows = path.join(REPO_ROOT, ".github", "workflows");
  const out: string[] = [];
  for (const f of fs.readdirSync(bin)) {
    const text = fs.readFileSync(path.join(bin, f), "utf8");
    const dir = /\bdir="([^"]+)"/.exec(text)?.[1];
    for (const m of text.matchAll(/terraform -chdir="\$dir"[^\n]*?-out=(\S+)/g)) {
      if (!dir) throw new Error(`${f}: -out without a stack folder`);
      for (const s of stacks) out.push(path.join(REPO_ROOT, dir.replace("$stack", s), m[1]!));
    }
    // `terraform init` in a stack folder: providers, and the backend settings (with any credentials given).
    if (dir && /terraform -chdir="\$dir" init/.test(text)) for (const s of stacks) out.push(path.join(REPO_ROOT, dir.replace("$stack", s), ".terraform", "terraform.tfstate"));
  }
  for (const f of fs.readdirSync(workflows).filter((x) => x.endsWith(".yml"))) {
    for (const m of fs.readFileSync(path.join(workflows, f), "utf8").matchAll(/seal\.sh seal \S+ (\S+)/g)) out.push(path.join(REPO_ROOT, m[1]!));
  }
  return out;
}

function ignored(paths: readonly string[]): Set<string> {
  // --no-index: judge the paths by the ignore rules alone, whether or not they exist or are tracked.
  const r = git(["check-ignore", "--no-index", "--stdin"], paths.join("\n") + "\n");
  if (r.status !== 0 && r.status !== 1) throw new Error(`git check-ignore failed: ${r.stderr}`);
  return new Set(r.stdout.split("\n").filter(Boolean));
}

describe("everything that can hold secrets is git-ignored", () => {
  const example = loadConfig(path.join(REPO_ROOT, "events"));
  const stacks = ["foundation", ...example.events.map((e) => e.slug)];
  const custom = loadFiles({
    "foundation.yaml": `${FOUNDATION_YAML}backend:\n  type: local\n  directory: ops/state\n`,
    "cyber-monday-2026.yaml": eventYaml("cyber-monday-2026"),
  });
  const groups: Record<string, string[]> = {
    "local backend state of the shipped config": backendStatePaths(example),
    "local backend state in another backend.directory": backendStatePaths(custom),
    "saved plans, init state and sealed bundles of the CI scripts": scriptOutputs(stacks),
    "raw mail and dead letters of npm run local": [path.join(REPO_ROOT, DEFAULT_LOCAL_MAIL_DIR, "black-friday-2026", "0123abcd"), path.join(REPO_ROOT, DEFAULT_LOCAL_MAIL_DIR, "_dead-letter", "x.json")],
    "credential and variable files anywhere": [".env", ".env.production", ".terraformrc", "terraform.rc", "ops/prod.tfvars", "crash.log", "cdktf.out/stacks/foundation/crash.log", "x.plan.json", "any/dir/tfplan"].map((p) => path.join(REPO_ROOT, p)),
  };

  test("the derivation finds the paths it should (it is not vacuous)", () => {
    expect(groups["local backend state of the shipped config"]).toContain(path.join(REPO_ROOT, "terraform-state", "black-friday-2026.tfstate"));
    expect(groups["local backend state in another backend.directory"]).toContain(path.join(REPO_ROOT, "ops", "state", "cyber-monday-2026.tfstate"));
    expect(groups["saved plans, init state and sealed bundles of the CI scripts"]).toEqual(
      expect.arrayContaining([path.join(STACKS_DIR, "foundation", "tfplan"), path.join(REPO_ROOT, "plan-events.enc"), path.join(STACKS_DIR, "black-friday-2026", ".terraform", "terraform.tfstate")]),
    );
  });

  test.each(Object.keys(groups))("%s", (group) => {
    const paths = groups[group]!.map((p) => {
      expect(p.startsWith(REPO_ROOT + path.sep)).toBe(true);
      return rel(p);
    });
    const hits = ignored(paths);
    expect(paths.filter((p) => !hits.has(p))).toEqual([]);
  });

  test("nothing of the kind is committed", () => {
    const tracked = git(["ls-files"]).stdout.split("\n").filter(Boolean);
    expect(tracked.filter((f) => /(^|\/)(terraform-state\/|\.terraform\/|tfplan$)|\.tfstate|\.tfvars|(^|\/)\.env(\.|$)/.test(f))).toEqual([]);
  });

  test("the ignore rules do not hide the project's own files", () => {
    const own = ["events/cyber-monday-2026.yaml", "stacks/new-construct.ts", "README.md", "__tests__/fixtures/synth/plans/foundation.plan.json", "docs/state.md", ".github/workflows/bin/plan-stacks.sh"];
    expect([...ignored(own)]).toEqual([]);
  });
});
