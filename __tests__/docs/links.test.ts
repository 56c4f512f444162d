import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/synth";

/*
 * The README is the front door and docs/ holds the depth; the pages point at each other and at the
 * sources. Every relative link `](target)` must lead somewhere: the file or folder exists, and an
 * `#anchor` is a heading of the target page, spelt the way GitHub spells heading ids.
 */

/** Pages whose links are checked: the README and every page in docs/. */
const PAGES = ["README.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

/**
 * Pages another branch of issue 11 is writing: a link to one of them is allowed while it is missing
 * (and checked like any other once it exists).
 */
const PENDING = new Set(["docs/library.md"]);

/** The lines of a page, with those inside fenced code blocks (and the fences) marked. */
function lines(markdown: string): { text: string; code: boolean }[] {
  let fence: string | undefined;
  return markdown.split("\n").map((text) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(text);
    if (fence !== undefined) {
      if (m && m[1]!.startsWith(fence)) fence = undefined;
      return { text, code: true };
    }
    if (m) fence = m[1]!;
    return { text, code: m !== null };
  });
}

/** GitHub's heading id: lower case, punctuation dropped (letters, digits, `_`, `-` kept), spaces to `-`. */
function githubSlug(heading: string): string {
  // Code spans keep their text (`events/<slug>.yaml`); outside them, links keep their text, and
  // inline HTML and emphasis marks go.
  const text = heading
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/`/g, "") : part.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<[^>]+>/g, "").replace(/\*/g, "")))
    .join("");
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** Ids of every heading of a page (not in code), with GitHub's `-1`, `-2`, … for repeated headings. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text, code } of lines(markdown)) {
    const m = code ? null : /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (!m) continue;
    const base = githubSlug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

interface Link {
  readonly page: string;
  readonly line: number;
  readonly target: string;
}

/** Relative links of a page (not http:, https:, mailto:; not inside code). */
function relativeLinks(page: string, markdown: string): Link[] {
  const links: Link[] = [];
  lines(markdown).forEach(({ text, code }, i) => {
    if (code) return;
    const prose = text.replace(/(`+)[^`]*?\1/g, (span) => " ".repeat(span.length));
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ page, line: i + 1, target });
    }
  });
  return links;
}

/** Why a link does not resolve, or undefined when it does. */
function problem(link: Link): string | undefined {
  const [file, anchor] = link.target.split("#", 2) as [string, string | undefined];
  const targetRel = file === "" ? link.page : path.posix.normalize(path.posix.join(path.posix.dirname(link.page), decodeURI(file)));
  if (targetRel.startsWith("..")) return `${link.target} leaves the repository`;
  const abs = path.join(REPO_ROOT, targetRel);
  if (!fs.existsSync(abs)) return PENDING.has(targetRel) ? undefined : `${targetRel} does not exist`;
  if (anchor === undefined) return undefined;
  if (!targetRel.endsWith(".md")) return `#${anchor} points into ${targetRel}, which is not a Markdown page`;
  const ids = headingIds(fs.readFileSync(abs, "utf8"));
  return ids.has(anchor) ? undefined : `${targetRel} has no heading #${anchor} (it has: ${[...ids].join(", ")})`;
}

describe("documentation links", () => {
  test("the README and docs/ pages are found", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["README.md", "docs/configuration.md", "docs/architecture.md", "docs/function.md", "docs/oncall.md", "docs/operations.md", "docs/trust.md"]));
  });

  test.each(PAGES)("every relative link of %s resolves (file, and #anchor as a heading)", (page) => {
    const links = relativeLinks(page, fs.readFileSync(path.join(REPO_ROOT, page), "utf8"));
    const broken = links.map((l) => ({ l, why: problem(l) })).filter((x) => x.why !== undefined);
    expect(broken.map(({ l, why }) => `${l.page}:${l.line} ](${l.target}): ${why}`)).toEqual([]);
  });

  test("the README's map links every page of docs/ (and the pending ones)", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const targets = new Set(relativeLinks("README.md", readme).map((l) => l.target.split("#")[0]));
    for (const page of [...PAGES.filter((p) => p.startsWith("docs/")), ...PENDING]) expect(targets).toContain(page);
  });
});

describe("the link checker itself", () => {
  test("GitHub heading ids", () => {
    expect(githubSlug("Raw mail link: S3 console, not presigned")).toBe("raw-mail-link-s3-console-not-presigned");
    expect(githubSlug("Runbook: `trusted-mail-dropped`")).toBe("runbook-trusted-mail-dropped");
    expect(githubSlug("What is applied is what was reviewed: saved plans")).toBe("what-is-applied-is-what-was-reviewed-saved-plans");
    expect(githubSlug("Alert content (`AlertPayload`, `functions/mail-to-alert/contract.ts`)")).toBe("alert-content-alertpayload-functionsmail-to-alertcontractts");
    expect(githubSlug("`events/<slug>.yaml`")).toBe("eventsslugyaml");
    expect(githubSlug("Setting it up (once per repository)")).toBe("setting-it-up-once-per-repository");
    expect(githubSlug("The on-call side (Grafana OnCall / Grafana Cloud IRM)")).toBe("the-on-call-side-grafana-oncall--grafana-cloud-irm");
  });

  test("repeated headings get -1, -2; headings and links inside code do not count", () => {
    const md = ["# A", "## Tests", "```", "## Tests", "[x](nowhere.md)", "```", "### Tests", "`[y](nowhere.md)` and [z](README.md)"].join("\n");
    expect([...headingIds(md)]).toEqual(["a", "tests", "tests-1"]);
    expect(relativeLinks("p.md", md).map((l) => l.target)).toEqual(["README.md"]);
  });

  test("a missing file and a missing anchor are reported; external links are skipped", () => {
    const bad = relativeLinks("docs/x.md", "[a](nope.md) [b](trust.md#no-such-heading) [c](trust.md#the-three-lanes) [d](https://example.com/x) [e](../README.md)");
    const why = bad.map((l) => problem(l));
    expect(why[0]).toMatch(/docs\/nope\.md does not exist/);
    expect(why[1]).toMatch(/has no heading #no-such-heading/);
    expect(why[2]).toBeUndefined();
    expect(bad.map((l) => l.target)).toEqual(["nope.md", "trust.md#no-such-heading", "trust.md#the-three-lanes", "../README.md"]);
    expect(why[3]).toBeUndefined();
  });
});
