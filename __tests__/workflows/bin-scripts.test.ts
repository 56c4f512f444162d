import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The helper scripts the workflows call, run against a fake `terraform` that records its calls:
// they decide what is planned, what is applied, and what leaves a job, so they are tested here.

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, ".github", "workflows", "bin");
const SECRET = "https://oncall.example/integrations/v1/webhook/S3cr3tT0kenValue12345/";

const FAKE_TERRAFORM = `#!/usr/bin/env bash
set -euo pipefail
chdir=.
if [[ "$1" == -chdir=* ]]; then chdir="\${1#-chdir=}"; shift; fi
echo "$(basename "$chdir") $*" >>"$TF_CALLS"
case "$1" in
  init) mkdir -p "$chdir/.terraform/providers"; echo provider-binary >"$chdir/.terraform/providers/bin"; echo lock >"$chdir/.terraform.lock.hcl" ;;
  plan) for a in "$@"; do [[ "$a" == -out=* ]] && echo "saved plan with $SECRET" >"$chdir/\${a#-out=}"; done ;;
  show)
    if [ "$2" = -json ]; then
      printf '{"resource_changes":[{"address":"aws_ssm_parameter.url","mode":"managed","type":"aws_ssm_parameter","change":{"actions":["update"],"before":{"value":"old"},"after":{"value":"%s"},"before_sensitive":{"value":true},"after_sensitive":{"value":true}}}]}' "$SECRET"
    else echo "Terraform will perform the following actions: (sensitive value)"; fi ;;
  apply) test -f "$chdir/\${@: -1}" || { echo "no saved plan" >&2; exit 1; } ;;
esac
`;

interface Sandbox {
  dir: string;
  calls: () => string[];
  run: (script: string, args: string[], env?: Record<string, string>) => ReturnType<typeof spawnSync>;
}

function sandbox(stacks: string[]): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wf-bin-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.writeFileSync(path.join(dir, "bin", "terraform"), FAKE_TERRAFORM, { mode: 0o755 });
  for (const s of stacks) {
    fs.mkdirSync(path.join(dir, "cdktf.out", "stacks", s), { recursive: true });
    fs.writeFileSync(path.join(dir, "cdktf.out", "stacks", s, "cdk.tf.json"), "{}");
  }
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "sandbox", private: true, scripts: { review: `node ${tsx} ${path.join(ROOT, "tools", "review.ts")}` } }));
  const callsFile = path.join(dir, "calls.log");
  return {
    dir,
    calls: () => (fs.existsSync(callsFile) ? fs.readFileSync(callsFile, "utf8").trim().split("\n") : []),
    run: (script, args, env = {}) =>
      spawnSync("bash", [path.join(BIN, script), ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, PATH: `${path.join(dir, "bin")}:${process.env.PATH}`, TF_CALLS: callsFile, SECRET, GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"), ...env },
        timeout: 60000,
      }),
  };
}

const listTar = (file: string) => spawnSync("tar", ["-tf", file], { encoding: "utf8" }).stdout.trim().split("\n").sort();

describe("workflow helper scripts", () => {
  let sb: Sandbox;
  afterEach(() => fs.rmSync(sb.dir, { recursive: true, force: true }));

  test("plan-stacks: saves a plan per stack without taking the lock, publishes only a masked summary", () => {
    sb = sandbox(["foundation", "ev-one"]);
    const res = sb.run("plan-stacks.sh", ["plan", "bundle", "foundation", "ev-one"]);
    expect(res.status).toBe(0);
    expect(sb.calls()).toEqual([
      "foundation init -input=false -no-color",
      "foundation plan -input=false -lock=false -no-color -out=tfplan",
      "foundation show -json tfplan",
      "ev-one init -input=false -no-color",
      "ev-one plan -input=false -lock=false -no-color -out=tfplan",
      "ev-one show -json tfplan",
    ]);
    const summary = fs.readFileSync(path.join(sb.dir, "bundle", "summary.md"), "utf8");
    expect(summary).toContain("| `value` | _(sensitive)_ | _(sensitive)_ |");
    expect(summary).not.toContain("S3cr3t");
    expect(fs.readFileSync(path.join(sb.dir, "summary.md"), "utf8")).toBe(summary);
    expect(fs.readFileSync(path.join(sb.dir, "bundle", "order.txt"), "utf8")).toBe("foundation\nev-one\n");
    // The bundle carries the config, lock file and saved plan, not the downloaded providers.
    const entries = listTar(path.join(sb.dir, "bundle", "stacks.tar"));
    expect(entries).toEqual(expect.arrayContaining(["foundation/tfplan", "foundation/.terraform.lock.hcl", "ev-one/cdk.tf.json"]));
    expect(entries.some((e) => e.includes(".terraform/"))).toBe(false);
    // No plan JSON (secrets in clear) is left in the bundle.
    expect(fs.readdirSync(path.join(sb.dir, "bundle")).sort()).toEqual(["order.txt", "stacks.tar", "summary.md"]);
  });

  test("plan-stacks destroy mode plans a destroy; a stack missing from cdktf.out fails loudly", () => {
    sb = sandbox(["ev-one"]);
    expect(sb.run("plan-stacks.sh", ["destroy", "bundle", "ev-one"]).status).toBe(0);
    expect(sb.calls()).toContain("ev-one plan -input=false -lock=false -no-color -destroy -out=tfplan");
    const missing = sb.run("plan-stacks.sh", ["plan", "bundle2", "gone-event"]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("cdktf.out/stacks/gone-event/cdk.tf.json not found");
    expect(sb.run("plan-stacks.sh", ["apply", "bundle3", "ev-one"]).status).toBe(2);
  });

  test("seal/open: the bundle round-trips with the key, and not without it or with another key", () => {
    sb = sandbox(["foundation"]);
    expect(sb.run("plan-stacks.sh", ["plan", "bundle", "foundation"]).status).toBe(0);
    const key = { PLAN_ARTIFACT_KEY: "correct horse battery staple" };
    expect(sb.run("seal.sh", ["seal", "bundle", "plan.enc"], key).status).toBe(0);
    expect(fs.readFileSync(path.join(sb.dir, "plan.enc")).includes("S3cr3t")).toBe(false);
    expect(sb.run("seal.sh", ["open", "plan.enc", "opened"], key).status).toBe(0);
    expect(fs.readFileSync(path.join(sb.dir, "opened", "order.txt"), "utf8")).toBe("foundation\n");
    const noKey = sb.run("seal.sh", ["seal", "bundle", "x.enc"], { PLAN_ARTIFACT_KEY: "" });
    expect(noKey.status).not.toBe(0);
    expect(noKey.stderr).toContain("PLAN_ARTIFACT_KEY");
    expect(sb.run("seal.sh", ["open", "plan.enc", "wrong"], { PLAN_ARTIFACT_KEY: "another key" }).status).not.toBe(0);
  });

  test("apply-stacks: applies the saved plans in planned order, shows each first, never re-plans", () => {
    sb = sandbox(["foundation", "ev-one"]);
    expect(sb.run("plan-stacks.sh", ["plan", "bundle", "foundation", "ev-one"]).status).toBe(0);
    fs.rmSync(path.join(sb.dir, "calls.log"));
    const res = sb.run("apply-stacks.sh", ["bundle"]);
    expect(res.status).toBe(0);
    expect(sb.calls()).toEqual([
      "foundation init -input=false -no-color -lockfile=readonly",
      "foundation show -no-color tfplan",
      "foundation apply -input=false -no-color tfplan",
      "ev-one init -input=false -no-color -lockfile=readonly",
      "ev-one show -no-color tfplan",
      "ev-one apply -input=false -no-color tfplan",
    ]);
  });
});
