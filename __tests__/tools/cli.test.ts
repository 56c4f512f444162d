import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_DIR_OPTION, parseCommand, runCommand, UsageError } from "../../tools/lib/cli";
import { REPO_ROOT } from "../support/synth";

const TSX = path.join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const run = (tool: string, ...args: string[]) => spawnSync(process.execPath, [TSX, tool, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 30_000 });

const SPEC = {
  command: "npm run demo --",
  summary: "A demo.",
  positionals: { usage: "<file>", min: 1, max: 1 },
  options: {
    "config-dir": CONFIG_DIR_OPTION,
    port: { type: "string", value: "<port>", description: "port", default: "2525", env: "DEMO_PORT" },
    json: { type: "boolean", description: "json" },
  },
} as const;

describe("one argument parser for every tool", () => {
  test("--help on each tool prints its usage on stdout and exits 0", () => {
    for (const [tool, usage] of [
      ["tools/preview.ts", "usage: npm run preview -- <mail.eml>"],
      ["tools/local.ts", "usage: npm run local --"],
      ["tools/review.ts", "usage: npm run --silent review --"],
      ["tools/replay.ts", "usage: npm run replay --"],
      ["tools/canary.ts", "usage: npm run canary --"],
    ]) {
      const r = run(tool!, "--help");
      expect({ tool, status: r.status, stderr: r.stderr }).toEqual({ tool, status: 0, stderr: "" });
      expect(r.stdout.startsWith(usage!)).toBe(true);
      expect(r.stdout).toContain("--config-dir <dir>");
      expect(r.stdout).toContain("--help, -h");
    }
  });

  test("a wrong argument exits 2 with the message and the usage on stderr", () => {
    const r = run("tools/replay.ts", "--bogus");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^unknown argument --bogus\n\nusage: npm run replay --/);
  });

  test("the config folder: flag, then EMAIL_TO_ONCALL_CONFIG_DIR, then events; old spellings work with a warning", () => {
    const values = (argv: string[], env: Record<string, string> = {}) => {
      const p = parseCommand(SPEC, ["m.eml", ...argv], env);
      if (p.help) throw new Error("help");
      return { dir: p.values["config-dir"], warnings: p.warnings };
    };
    expect(values([])).toEqual({ dir: "events", warnings: [] });
    expect(values([], { EMAIL_TO_ONCALL_CONFIG_DIR: "cfg" })).toEqual({ dir: "cfg", warnings: [] });
    expect(values(["--config-dir", "flag"], { EMAIL_TO_ONCALL_CONFIG_DIR: "cfg" })).toEqual({ dir: "flag", warnings: [] });
    expect(values(["--config", "old"])).toEqual({ dir: "old", warnings: ["--config is deprecated; use --config-dir"] });
    expect(values(["--events-dir", "old"])).toEqual({ dir: "old", warnings: ["--events-dir is deprecated; use --config-dir"] });
    expect(values([], { EVENTS_DIR: "old" })).toEqual({ dir: "old", warnings: ["EVENTS_DIR is deprecated; use EMAIL_TO_ONCALL_CONFIG_DIR"] });
    // The new name wins over an old one, which is still reported.
    expect(values(["--config-dir", "new", "--config", "old"]).dir).toBe("new");
  });

  test("env fallbacks, defaults, booleans and positionals", () => {
    const p = parseCommand(SPEC, ["m.eml", "--json"], { DEMO_PORT: "2600" });
    expect(p).toEqual({ help: false, values: { "config-dir": "events", port: "2600", json: true }, positionals: ["m.eml"], warnings: [] });
    expect(parseCommand(SPEC, ["-h"])).toEqual({ help: true });
    expect(() => parseCommand(SPEC, [])).toThrow(new UsageError("missing <file>"));
    expect(() => parseCommand(SPEC, ["a", "b"])).toThrow(/too many arguments: a b/);
    expect(() => parseCommand(SPEC, ["a", "--port"])).toThrow(/--port needs a value/);
    expect(() => parseCommand(SPEC, ["a", "--json=yes"])).toThrow(/--json takes no value/);
  });

  test("runCommand: deprecation warnings on stderr, UsageError from the command is exit 2 with usage", async () => {
    let out = "";
    let err = "";
    const io = { out: (s: string) => (out += s), err: (s: string) => (err += s), env: { EVENTS_DIR: "x" } };
    expect(await runCommand(SPEC, ["m.eml"], io, () => 0)).toBe(0);
    expect(err).toBe("warning: EVENTS_DIR is deprecated; use EMAIL_TO_ONCALL_CONFIG_DIR\n");
    err = "";
    expect(await runCommand(SPEC, ["m.eml"], { ...io, env: {} }, () => { throw new UsageError("--port: not a port"); })).toBe(2);
    expect(err).toMatch(/^--port: not a port\n\nusage: npm run demo -- <file> \[options\]/);
    expect(out).toBe("");
  });

  test("no tool keeps its own flag loop or another spelling of the config folder", () => {
    const sources = ["preview.ts", "local.ts", "review.ts", "replay.ts", "lib/preview-cli.ts", "lib/local-cli.ts", "canary.ts", "lib/canary-cli.ts"].map((f) => fs.readFileSync(path.join(REPO_ROOT, "tools", f), "utf8"));
    for (const s of sources) {
      expect(s).not.toMatch(/from "node:util"/);
      expect(s).not.toMatch(/process\.env\.(EVENTS_DIR|EMAIL_TO_ONCALL_CONFIG_DIR|LOCAL_\w+)/);
      expect(s).not.toMatch(/case "--/);
    }
  });
});
