import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./support/synth";

// The user-facing path: `npm run synth` (node scripts/app.js) on config folders, in a scratch
// working directory so cdktf.out of the repository is never touched.
function synthIn(files: Record<string, string>, extraEnv: Record<string, string> = {}, cwd = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-synth-"))) {
  // The config folder holds exactly `files` (a second run in the same cwd replaces the first's).
  fs.rmSync(path.join(cwd, "events"), { recursive: true, force: true });
  fs.mkdirSync(path.join(cwd, "events"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(cwd, "events", name), text);
  // The example's customer registry, beside events/ as in the repository.
  fs.rmSync(path.join(cwd, "customers"), { recursive: true, force: true });
  fs.cpSync(path.join(REPO_ROOT, "customers"), path.join(cwd, "customers"), { recursive: true });
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "app.js")], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, EMAIL_TO_ONCALL_CONFIG_DIR: "", ...extraEnv },
    timeout: 60_000,
  });
  const outdir = path.join(cwd, "cdktf.out");
  const stacks = fs.existsSync(path.join(outdir, "stacks")) ? fs.readdirSync(path.join(outdir, "stacks")).sort() : [];
  return { ...run, cwd, outdir, stacks };
}

const example = Object.fromEntries(fs.readdirSync(path.join(REPO_ROOT, "events")).map((f) => [f, fs.readFileSync(path.join(REPO_ROOT, "events", f), "utf8")]));

describe("synth of the shipped example", () => {
  const run = synthIn(example);

  test("exits 0 and writes the foundation stack and the black-friday-2026 stack", () => {
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stacks).toEqual(["black-friday-2026", "foundation"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(run.outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["black-friday-2026", "foundation"]);
  });

  test("the event stack ships the real bundled function as a zip asset", () => {
    const tf = JSON.parse(fs.readFileSync(path.join(run.outdir, "stacks", "black-friday-2026", "cdk.tf.json"), "utf8"));
    const fn = Object.values(tf.resource.aws_lambda_function)[0] as { filename: string };
    const zip = path.join(run.outdir, "stacks", "black-friday-2026", fn.filename);
    expect(fs.statSync(zip).size).toBeGreaterThan(1000);
    // The zip holds index.mjs (the handler entry the function resource names).
    expect(fs.readFileSync(zip).includes(Buffer.from("index.mjs"))).toBe(true);
  });
});

describe("one config file per event", () => {
  const base = { "foundation.yaml": example["foundation.yaml"], "black-friday-2026.yaml": example["black-friday-2026.yaml"] };
  const cyber = example["black-friday-2026.yaml"]
    .replace("slug: black-friday-2026", "slug: cyber-monday-2026")
    .replace("title: Black Friday 2026", "title: Cyber Monday 2026")
    .replace("  - black-friday-2026\n", "  - cyber-monday-2026\n")
    // Globex has an alias: one event at a time may serve it.
    .replace("customers: [acme-shop, globex]", "customers: [acme-shop]");

  test("adding a file adds its stack (and nothing else is needed)", () => {
    const run = synthIn({ ...base, "cyber-monday-2026.yaml": cyber });
    expect(run.status).toBe(0);
    expect(run.stacks).toEqual(["black-friday-2026", "cyber-monday-2026", "foundation"]);
    const tf = JSON.parse(fs.readFileSync(path.join(run.outdir, "stacks", "cyber-monday-2026", "cdk.tf.json"), "utf8"));
    expect((Object.values(tf.resource.aws_ses_receipt_rule)[0] as { recipients: string[] }).recipients).toEqual(["cyber-monday-2026@oncall.example.com"]);
  });

  test("removing the file removes its stack", () => {
    const run = synthIn({ "foundation.yaml": example["foundation.yaml"] });
    expect(run.status).toBe(0);
    expect(run.stacks).toEqual(["foundation"]);
  });
});

describe("the output holds exactly the stacks of the config (no ghosts)", () => {
  const base = { "foundation.yaml": example["foundation.yaml"], "black-friday-2026.yaml": example["black-friday-2026.yaml"] };
  const cyber = example["black-friday-2026.yaml"].replace("slug: black-friday-2026", "slug: cyber-monday-2026").replace("  - black-friday-2026\n", "  - cyber-monday-2026\n").replace("customers: [acme-shop, globex]", "customers: [acme-shop]");
  const siblings = (cwd: string) => fs.readdirSync(cwd).filter((f) => f !== "events" && f !== "customers").sort();

  test("deleting an event file and synthesizing again removes its stack folder, not only its manifest entry", () => {
    const first = synthIn({ ...base, "cyber-monday-2026.yaml": cyber });
    expect(first.stacks).toEqual(["black-friday-2026", "cyber-monday-2026", "foundation"]);
    const second = synthIn(base, {}, first.cwd);
    expect(second.status).toBe(0);
    expect(second.stacks).toEqual(["black-friday-2026", "foundation"]);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(second.outdir, "manifest.json"), "utf8")).stacks).sort()).toEqual(["black-friday-2026", "foundation"]);
    // No temporary or old tree is left next to it.
    expect(siblings(first.cwd)).toEqual(["cdktf.out"]);
  });

  test("terraform init state of a surviving stack is kept across a re-synth; a saved plan of the old tree is not", () => {
    const first = synthIn(base);
    const stackDir = path.join(first.outdir, "stacks", "foundation");
    fs.mkdirSync(path.join(stackDir, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(stackDir, ".terraform.lock.hcl"), "# lock\n");
    fs.writeFileSync(path.join(stackDir, "tfplan"), "stale plan");
    const second = synthIn(base, {}, first.cwd);
    expect(second.status).toBe(0);
    expect(fs.existsSync(path.join(stackDir, ".terraform", "providers"))).toBe(true);
    expect(fs.readFileSync(path.join(stackDir, ".terraform.lock.hcl"), "utf8")).toBe("# lock\n");
    expect(fs.existsSync(path.join(stackDir, "tfplan"))).toBe(false);
  });

  test("a failed synth after a good one leaves no output that looks current", () => {
    const good = synthIn(base);
    expect(fs.existsSync(path.join(good.outdir, "manifest.json"))).toBe(true);
    const bad = synthIn({ ...base, "black-friday-2026.yaml": base["black-friday-2026.yaml"].replace("timeZone: America/New_York", "timeZone: EST") }, {}, good.cwd);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("removed the previous cdktf.out: it no longer matches the configuration");
    expect(fs.existsSync(bad.outdir)).toBe(false);
    expect(siblings(good.cwd)).toEqual([]);
  });
});

describe("bad config", () => {
  test("exits non-zero, names file, line and field, and writes no stack", () => {
    const run = synthIn({
      "foundation.yaml": example["foundation.yaml"],
      "black-friday-2026.yaml": example["black-friday-2026.yaml"].replace("timeZone: America/New_York", "timeZone: EST"),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/events\/black-friday-2026\.yaml:\d+:\d+ window\.timeZone: must be an IANA time zone/);
    expect(run.stderr).toMatch(/example: timeZone: "America\/New_York"/);
    expect(fs.existsSync(run.outdir)).toBe(false);
  });
});

describe("npx cdktf synth", () => {
  const guard = path.join(REPO_ROOT, "__tests__", "support", "net-guard.js");
  /** A newcomer's environment: no CHECKPOINT_DISABLE, no NODE_OPTIONS of ours. */
  const clean = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: "1" };
    delete env.CHECKPOINT_DISABLE;
    delete env.NODE_OPTIONS;
    return env;
  };
  /** The cdktf CLI itself with `nodeOptions`, the net guard recording any non-loopback resolve or connect. */
  const cdktfSynth = (nodeOptions: string) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-cdktf-"));
    const netLog = path.join(out, "net.log");
    const cli = spawnSync(path.join(REPO_ROOT, "node_modules", ".bin", "cdktf"), ["synth", "--output", path.join(out, "cdktf.out")], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...clean(), NODE_OPTIONS: `${nodeOptions} --require "${guard}"`.trim(), NET_GUARD_LOG: netLog },
      timeout: 120_000,
    });
    return { ...cli, out, net: fs.existsSync(netLog) ? fs.readFileSync(netLog, "utf8") : "" };
  };

  test("the project's npm config sets CHECKPOINT_DISABLE in every process npm starts (npx, npm exec, npm run)", () => {
    const r = spawnSync("npm", ["exec", "--no", "--", "node", "-e", "process.stdout.write(String(process.env.CHECKPOINT_DISABLE))"], { cwd: REPO_ROOT, encoding: "utf8", env: clean() });
    expect(r.stdout).toBe("1");
  });

  test("with the NODE_OPTIONS npm gives it, the CLI opens no connection and writes the same stacks as npm run synth", () => {
    const projectOptions = spawnSync("npm", ["config", "get", "node-options"], { cwd: REPO_ROOT, encoding: "utf8", env: clean() }).stdout.trim();
    expect(projectOptions).toContain("CHECKPOINT_DISABLE");
    const cli = cdktfSynth(projectOptions);
    expect(cli.status).toBe(0);
    expect(cli.net).toBe("");
    expect(cli.stdout + cli.stderr).not.toMatch(/checkpoint|telemetry/i);
    const npm = synthIn(example);
    for (const stack of ["foundation", "black-friday-2026"]) {
      const a = JSON.parse(fs.readFileSync(path.join(cli.out, "cdktf.out", "stacks", stack, "cdk.tf.json"), "utf8"));
      const b = JSON.parse(fs.readFileSync(path.join(npm.outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
      expect(a).toEqual(b);
    }
  });

  test("control: without it the same run tries HashiCorp's checkpoint service (the guard sees and blocks it)", () => {
    const cli = cdktfSynth("");
    expect(cli.status).toBe(0);
    expect(cli.net).toMatch(/lookup checkpoint-api\.hashicorp\.com/);
  });
});
