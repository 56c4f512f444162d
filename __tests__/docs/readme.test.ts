import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/synth";

/*
 * The README is the front door: what the line is, the quick start, the ten-minute path to a first
 * event, the toolchain, a map of docs/ and a pointer to the limits. Depth lives in docs/; this keeps
 * it from drifting back.
 */
const README = path.join(REPO_ROOT, "README.md");
const readme = fs.readFileSync(README, "utf8");

/** The text of a `## ` section of the README, up to the next `## ` heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${title}"`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("README.md is the front door", () => {
  test("it is under 30 KB", () => {
    expect(fs.statSync(README).size).toBeLessThan(30 * 1024);
  });

  test("it has the quick start, the ten-minute path, the toolchain, the docs map and the limits", () => {
    const headings = readme.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual(["## Quick start", "## Ten minutes from clone to a first event", "## Toolchain", "## Docs", "## Limits"]);
  });

  test("the quick start keeps its commands", () => {
    const quick = section("Quick start");
    for (const command of ["npm ci", "npm run synth", "npm test", "npm run preview --", "npm run local", "npm run --silent review --", "npm run replay --", "npm run schema", "npm run typecheck"]) {
      expect(quick).toContain(command);
    }
  });

  test("the ten-minute path goes from copying the example to deploying", () => {
    const path10 = section("Ten minutes from clone to a first event");
    const steps = [
      "cp events/black-friday-2026.yaml events/",
      "**Set your event's dates.**",
      "trustedSenders",
      "npm run synth",
      "npm run preview -- .build/first.eml",
      "npm run local -- --at",
      "swaks --server 127.0.0.1:2525",
      "npm run --silent review -- --base origin/main",
      "**Deploy.**",
    ];
    let at = 0;
    for (const step of steps) {
      const i = path10.indexOf(step, at);
      expect({ step, found: i >= 0 }).toEqual({ step, found: true });
      at = i;
    }
  });

  test("every `npm run <script>` named in the README and docs/ exists in package.json", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts);
    const pages = ["README.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    const named = new Set<string>();
    for (const page of pages) {
      const text = fs.readFileSync(path.join(REPO_ROOT, page), "utf8");
      for (const m of text.matchAll(/npm run (?:(?:--silent|-s) )?([a-z][\w:-]*)/g)) named.add(m[1]!);
    }
    expect(named.size).toBeGreaterThan(8);
    expect([...named].filter((s) => !scripts.includes(s))).toEqual([]);
  });
});
