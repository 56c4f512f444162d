import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "../../tools/review";
import { synthTree, withBaseWorktree } from "../../tools/review/synth";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "..", "fixtures", "synth");

// A stand-in for the project's synth: writes one stack whose content comes from events/value.txt
// into $CDKTF_OUTDIR, like cdktf's App does, and fails if any AWS credential is visible.
const FAKE_APP = `
const fs = require("fs"), path = require("path");
if (Object.keys(process.env).some((k) => k.startsWith("AWS_"))) { console.error("credentials leaked into synth"); process.exit(3); }
const out = process.env.CDKTF_OUTDIR || "cdktf.out";
const value = fs.readFileSync("events/value.txt", "utf8").trim();
fs.mkdirSync(path.join(out, "stacks", "demo"), { recursive: true });
fs.writeFileSync(path.join(out, "stacks", "demo", "cdk.tf.json"), JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: value } } } }));
`;

function makeRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-repo-"));
  const git = (...a: string[]) => execFileSync("git", a, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  fs.mkdirSync(path.join(dir, "scripts"));
  fs.mkdirSync(path.join(dir, "events"));
  fs.writeFileSync(path.join(dir, "scripts", "app.js"), FAKE_APP);
  fs.writeFileSync(path.join(dir, "main.ts"), "// stand-in\n");
  fs.writeFileSync(path.join(dir, "events", "value.txt"), "before-bucket\n");
  git("add", ".");
  git("commit", "-q", "-m", "base");
  fs.writeFileSync(path.join(dir, "events", "value.txt"), "after-bucket\n");
  return dir;
}

describe("review CLI edge", () => {
  test("argument parsing: --base or --base-dir is required, values are required", () => {
    expect(parseArgs(["--base", "origin/main"]).base).toBe("origin/main");
    expect(() => parseArgs([])).toThrow(/--base/);
    expect(() => parseArgs(["--base"])).toThrow(/needs a value/);
    expect(() => parseArgs(["--base", "x", "--bogus"])).toThrow(/unknown argument/);
    expect(() => parseArgs(["--base", "x", "--max-chars", "0"])).toThrow(/positive/);
    // Each side synthesizes its own copy of the config: an absolute folder would make them equal.
    expect(parseArgs(["--base", "x", "--config-dir", "config/prod"]).configDir).toBe("config/prod");
    expect(parseArgs(["--base", "x"], { EMAIL_TO_ONCALL_CONFIG_DIR: "cfg" }).configDir).toBe("cfg");
    expect(() => parseArgs(["--base", "x", "--config-dir", "/etc/events"])).toThrow(/must be relative to the repository/);
  });

  test("base worktree is synthesized at the ref, the working tree as edited, and the worktree is removed", () => {
    const repo = makeRepo();
    try {
      let seenDir = "";
      const base = withBaseWorktree(repo, "HEAD", (dir) => {
        seenDir = dir;
        return synthTree(dir, { ...process.env, AWS_SECRET_ACCESS_KEY: "x" }).set;
      });
      const head = synthTree(repo).set;
      expect(JSON.stringify(base)).toContain("before-bucket");
      expect(JSON.stringify(head)).toContain("after-bucket");
      expect(fs.existsSync(seenDir)).toBe(false);
      const list = execFileSync("git", ["worktree", "list"], { cwd: repo, encoding: "utf8" });
      expect(list.trim().split("\n")).toHaveLength(1);
      // Synth wrote to a temporary outdir, not into the trees.
      expect(fs.existsSync(path.join(repo, "cdktf.out"))).toBe(false);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  test("a base without the app is an empty side with a note; a failing synth is an error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-empty-"));
    try {
      expect(synthTree(dir)).toEqual({ set: {}, note: expect.stringContaining("treated as empty") });
      fs.mkdirSync(path.join(dir, "scripts"));
      fs.writeFileSync(path.join(dir, "main.ts"), "");
      fs.writeFileSync(path.join(dir, "scripts", "app.js"), "console.error('Invalid config: events/x.yaml'); process.exit(1)");
      expect(() => synthTree(dir)).toThrow(/synth failed.*\n.*Invalid config: events\/x.yaml/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the npm script prints Markdown for two synth folders", () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/review.ts", "--base-dir", path.join(FIXTURES, "remove-sender", "base"), "--head-dir", path.join(FIXTURES, "remove-sender", "head")], { cwd: ROOT, encoding: "utf8" });
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("EVENT_CONFIG⟨json⟩.trustedSenders.addresses");
    const bad = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/review.ts"], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage: npm run --silent review");
  });
});

describe("the documented review command gives clean Markdown", () => {
  const dirs = ["--base-dir", path.join(FIXTURES, "remove-sender", "base"), "--head-dir", path.join(FIXTURES, "remove-sender", "head")];
  const npm = (...args: string[]) => spawnSync("npm", args, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

  test("`npm run --silent review … > file` holds only the review (plain `npm run` would add npm's banner)", () => {
    const silent = npm("run", "--silent", "review", "--", ...dirs);
    expect(silent.status).toBe(0);
    expect(silent.stdout.startsWith("<!-- email-to-oncall:review -->\n")).toBe(true);
    expect(silent.stdout).not.toMatch(/^> /m);
    // Why the README and docs/ say --silent: npm writes "> email-to-oncall@… review" to stdout first.
    expect(npm("run", "review", "--", ...dirs).stdout).toMatch(/^\s*> email-to-oncall@[^\n]* review\n/);
  });

  test("every review command in the README, docs/ and the workflows runs npm silently (or writes --out)", () => {
    const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];
    const docs = [...pages.map((p) => fs.readFileSync(path.join(ROOT, p), "utf8")), ...fs.readdirSync(path.join(ROOT, ".github", "workflows")).filter((f) => f.endsWith(".yml")).map((f) => fs.readFileSync(path.join(ROOT, ".github", "workflows", f), "utf8"))];
    const commands = docs.flatMap((d) => d.match(/npm run [^\n`|]*\breview\b[^\n`|]*/g) ?? []);
    expect(commands.length).toBeGreaterThan(3);
    expect(commands.filter((c) => !/^npm run (--silent|-s) review\b/.test(c))).toEqual([]);
  });
});
