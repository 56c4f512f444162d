import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/synth";

/**
 * The library as a consumer gets it: `npm pack` (prepack builds dist/ and ships the function
 * bundle), a scratch copy of examples/two-events, the tarball installed OFFLINE (npm's cache holds
 * cdktf and friends after the project's own `npm ci`; the lock is written from the project's lock,
 * so versions are the project's), and the example's own `npm run synth`. The example imports the
 * library by package name only.
 */
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" }, stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });

function lockFor(example: Record<string, any>, tarballName: string, tarball: Buffer): Record<string, unknown> {
  const repoLock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")).packages as Record<string, Record<string, unknown>>;
  const wanted = [...Object.keys(example.dependencies), ...Object.keys(example.devDependencies)].filter((n) => n !== "email-to-oncall");
  const packages: Record<string, unknown> = { "": { name: example.name, version: example.version, dependencies: example.dependencies, devDependencies: example.devDependencies } };
  for (const [key, entry] of Object.entries(repoLock)) {
    const top = wanted.find((n) => key === `node_modules/${n}` || key.startsWith(`node_modules/${n}/node_modules/`));
    if (!top) continue;
    const { dev: _d, peer: _p, ...rest } = entry;
    packages[key] = example.devDependencies[top] ? { ...rest, dev: true } : rest;
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  packages["node_modules/email-to-oncall"] = {
    version: pkg.version,
    resolved: `file:${tarballName}`,
    integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
    license: pkg.license,
    peerDependencies: pkg.peerDependencies,
    engines: pkg.engines,
  };
  return { name: example.name, version: example.version, lockfileVersion: 3, requires: true, packages };
}

describe("examples/two-events: a cdktf app on the packed library", () => {
  let tf: Record<string, any>;
  let scratch: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-example-"));
    const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", scratch], REPO_ROOT))[0] as { filename: string };
    const tarball = fs.readFileSync(path.join(scratch, packed.filename));
    const dir = path.join(scratch, "two-events");
    fs.cpSync(path.join(REPO_ROOT, "examples", "two-events"), dir, { recursive: true, filter: (src) => !/node_modules|cdktf\.out|dist/.test(path.relative(REPO_ROOT, src)) });
    const example = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    example.dependencies["email-to-oncall"] = `file:../${packed.filename}`;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(example, null, 2));
    fs.writeFileSync(path.join(dir, "package-lock.json"), JSON.stringify(lockFor(example, `../${packed.filename}`, tarball), null, 2));
    npm(["ci", "--offline", "--ignore-scripts"], dir);
    npm(["run", "synth"], dir);
    tf = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "emergency-line", "cdk.tf.json"), "utf8"));
  }, 600_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("imports the library by package name only", () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, "examples", "two-events", "main.ts"), "utf8");
    expect(source).toMatch(/from "email-to-oncall"/);
    expect(source).not.toMatch(/from "\.\.?\//);
  });

  it("declares one mail domain and two events: two receipt rules, two functions (+ their dead-letter reminders and canaries), two mail integrations", () => {
    expect(Object.keys(tf.resource.aws_route53_zone)).toHaveLength(1);
    const rules = Object.values(tf.resource.aws_ses_receipt_rule) as any[];
    expect(rules.map((r) => r.name).sort()).toEqual(["email-to-oncall-black-friday", "email-to-oncall-cyber-monday"]);
    expect((Object.values(tf.resource.aws_lambda_function) as any[]).map((f) => f.function_name).sort()).toEqual([
      "email-to-oncall-black-friday",
      "email-to-oncall-black-friday-canary",
      "email-to-oncall-black-friday-remind",
      "email-to-oncall-cyber-monday",
      "email-to-oncall-cyber-monday-canary",
      "email-to-oncall-cyber-monday-remind",
    ]);
    expect(Object.keys(tf.resource.random_password)).toHaveLength(2);
    const integrations = Object.values(tf.resource.grafana_oncall_integration) as any[];
    expect(integrations.filter((i) => i.type === "webhook").map((i) => i.name).sort()).toEqual([
      "black-friday: Black Friday - Acme Shop (e-mail)",
      "black-friday: Black Friday - Acme Shop (e-mail, notify lane)",
      "cyber-monday: Cyber Monday - Globex (e-mail)",
      "cyber-monday: Cyber Monday - Globex (e-mail, notify lane)",
    ]);
    expect(integrations.filter((i) => i.type === "amazon_sns")).toHaveLength(2);
  });

  it("ships the prebuilt function bundles (no bundler at the consumer's synth) and keeps the integration URL sensitive", () => {
    const fns = Object.values(tf.resource.aws_lambda_function) as any[];
    for (const f of fns) expect(f.filename).toMatch(f.function_name.endsWith("-remind") ? /dlq-reminder\.zip$/ : f.function_name.endsWith("-canary") ? /canary\.zip$/ : /mail-to-alert\.zip$/);
    const params = Object.values(tf.resource.aws_ssm_parameter) as any[];
    // Integration URLs (sensitive links) and canary keys (random_password results, sensitive in the provider).
    for (const p of params) expect(p.value).toMatch(/^\$\{(sensitive\(grafana_oncall_integration\..*\.link\)|random_password\..+\.result)\}$/);
    expect(params.filter((p) => /random_password/.test(p.value))).toHaveLength(2);
    expect(tf.provider.grafana).toHaveLength(1);
    expect(tf.provider.aws).toHaveLength(1);
  });

  it("lets each event's raw mail into its own prefix of the one bucket", () => {
    const policies = (Object.values(tf.data.aws_iam_policy_document) as any[]).map((d) => JSON.stringify(d));
    const bucketPolicy = policies.find((p) => p.includes("s3:PutObject"))!;
    expect(bucketPolicy).toContain("black-friday/*");
    expect(bucketPolicy).toContain("cyber-monday/*");
  });
});
