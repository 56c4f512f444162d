/**
 * Route patterns are checked at synth with Python's rules (config/python-regex.ts), without Python.
 * Here every sample, and thousands of generated patterns, go through the real `re.compile` of
 * /usr/bin/python3 exactly as OnCall receives them (the string routeTemplate embeds), to show the
 * synth check agrees with Python; the suggested Python spellings are shown to mean what the
 * JavaScript pattern meant.
 */
import fc from "fast-check";
import { checkPythonPattern, explainPythonPattern, PatternProblemKind } from "../../config/python-regex";
import { routeTemplate } from "../../lib/oncall/templates";
import { pythonRe } from "../support/python-re";
import { eventYaml, FOUNDATION_YAML, problemLines } from "../support/synth";

/** The regex string OnCall's `regex_search` gets for a sender pattern (with the `(?i)` the template adds). */
function asOnCallReceivesIt(pattern: string): string {
  const m = /regex_search\(("(?:[^"\\]|\\.)*")\)/.exec(routeTemplate({ sender: pattern }));
  if (!m) throw new Error(`no regex_search in the route template of ${pattern}`);
  return JSON.parse(m[1]) as string;
}

type Verdict = "ok" | PatternProblemKind;
interface Sample {
  readonly pattern: string;
  readonly verdict: Verdict;
  /** The whole pattern rewritten in Python, when the check can do it mechanically. */
  readonly fixed?: string;
  /** What the author meant, as a JavaScript RegExp (source, flags), and texts to compare it on. */
  readonly meant?: { readonly source: string; readonly flags: string; readonly inputs: readonly string[] };
}

const SAMPLES: readonly Sample[] = [
  // Accepted: Python syntax, including what JavaScript would reject.
  { pattern: "^cto@acme-shop\\.example$", verdict: "ok" },
  { pattern: "(outage|down|checkout)", verdict: "ok" },
  { pattern: "(?P<user>cto|ceo)@acme\\.example", verdict: "ok" },
  { pattern: "(?P<w>\\w+) (?P=w)", verdict: "ok" },
  { pattern: "(?<=re: )urgent", verdict: "ok" },
  { pattern: "(?<=ab|cd)e", verdict: "ok" },
  { pattern: "(?<!no )reply", verdict: "ok" },
  { pattern: "(?s)down.*now", verdict: "ok" },
  { pattern: "(?x) out  age   # verbose", verdict: "ok" },
  { pattern: "(?i:CTO)|(?-i:Ops)", verdict: "ok" },
  { pattern: "[\\w.+-]+@acme\\.example", verdict: "ok" },
  { pattern: "\\u00e9t\\u00e9|\\U0001F525", verdict: "ok" },
  { pattern: "\\d{3,}|x{,2}", verdict: "ok" },
  { pattern: "\\/status\\/", verdict: "ok" },
  { pattern: "(a)(?(1)b|c)", verdict: "ok" },
  { pattern: "\\Aurgent\\Z", verdict: "ok" },
  { pattern: "[]a]", verdict: "ok" },
  { pattern: "(?#comment)down", verdict: "ok" },
  // Rejected by Python: JavaScript-only syntax, with the Python spelling.
  { pattern: "(?<user>cto)@acme", verdict: "python", fixed: "(?P<user>cto)@acme", meant: { source: "(?<user>cto)@acme", flags: "i", inputs: ["cto@acme.example", "CTO@ACME", "ceo@acme"] } },
  { pattern: "(?<w>\\w+) \\k<w>", verdict: "python", fixed: "(?P<w>\\w+) (?P=w)", meant: { source: "(?<w>\\w+) \\k<w>", flags: "i", inputs: ["down down", "down up"] } },
  { pattern: "🔥 (?<w>\\w+) \\k<w>", verdict: "python", fixed: "🔥 (?P<w>\\w+) (?P=w)", meant: { source: "🔥 (?<w>\\w+) \\k<w>", flags: "iu", inputs: ["🔥 down down", "🔥 down up"] } },
  { pattern: "\\u{1F525} fire", verdict: "python", fixed: "\\U0001F525 fire", meant: { source: "\\u{1F525} fire", flags: "iu", inputs: ["🔥 fire", "fire"] } },
  { pattern: "\\cA", verdict: "python", fixed: "\\x01", meant: { source: "\\cA", flags: "i", inputs: ["\u0001", "A"] } },
  { pattern: "[^]+", verdict: "python", fixed: "[\\s\\S]+", meant: { source: "[^]+", flags: "i", inputs: ["x", "\n"] } },
  { pattern: "\\p{L}+", verdict: "python" },
  { pattern: "(?<=ab+)c", verdict: "python" },
  { pattern: "(?<=a|bc)d", verdict: "python" },
  { pattern: "urgent\\z", verdict: "python", fixed: "urgent\\Z" },
  { pattern: "\\e", verdict: "python", fixed: "\\x1b" },
  { pattern: "\\x4", verdict: "python", fixed: "\\x04" },
  { pattern: "[]", verdict: "python" },
  { pattern: "down(?s).*", verdict: "python" },
  { pattern: "(?g)down", verdict: "python" },
  { pattern: "(?'n'a)", verdict: "python" },
  { pattern: "\\g<1>", verdict: "python" },
  // Rejected by Python: plain mistakes.
  { pattern: "(outage", verdict: "python" },
  { pattern: "outage)", verdict: "python", fixed: "outage\\)" },
  { pattern: "a**", verdict: "python" },
  { pattern: "*down", verdict: "python", fixed: "\\*down" },
  { pattern: "\\1", verdict: "python" },
  { pattern: "(?P<a>x)(?P<a>y)", verdict: "python" },
  { pattern: "x{3,2}", verdict: "python", fixed: "x{2,3}" },
  { pattern: "[z-a]", verdict: "python" },
  { pattern: "[a-\\d]", verdict: "python" },
  { pattern: "down\\", verdict: "python" },
  // Valid Python, but not what a JavaScript author means.
  { pattern: "/cto@acme/i", verdict: "javascript", fixed: "cto@acme", meant: { source: "cto@acme", flags: "i", inputs: ["CTO@acme.example", "cto"] } },
  { pattern: "(?P<x>a)$<x>", verdict: "javascript" },
  // Valid in Python 3.11 only, or not checkable without Python: refused on purpose.
  { pattern: "a*+b", verdict: "portability", fixed: "a*b" },
  { pattern: "(?>ab)c", verdict: "portability", fixed: "(?:ab)c" },
  { pattern: "\\N{LATIN SMALL LETTER A}", verdict: "portability" },
];

describe("the synth check agrees with Python's re.compile on the samples", () => {
  const results = pythonRe(SAMPLES.map((s) => ({ pattern: asOnCallReceivesIt(s.pattern), inputs: s.meant?.inputs })));

  test.each(SAMPLES.map((s, i) => [s.pattern, s.verdict, i] as const))("%j: %s", (pattern, verdict, i) => {
    expect(checkPythonPattern(pattern)?.kind ?? "ok").toBe(verdict);
    // Only "python" verdicts are Python's own refusals; the others compile in Python 3.11.
    expect({ pattern, compiles: results[i].error === null }).toEqual({ pattern, compiles: verdict !== "python" });
  });

  test("every rewrite is valid Python and is what the error message offers", () => {
    const rewritten = SAMPLES.filter((s) => s.fixed !== undefined);
    const compiled = pythonRe(rewritten.map((s) => ({ pattern: asOnCallReceivesIt(s.fixed!) })));
    rewritten.forEach((s, i) => {
      expect({ pattern: s.pattern, fixed: explainPythonPattern(s.pattern)?.fixed }).toEqual({ pattern: s.pattern, fixed: s.fixed });
      expect({ fixed: s.fixed, error: compiled[i].error }).toEqual({ fixed: s.fixed, error: null });
      expect(checkPythonPattern(s.fixed!)).toBeUndefined();
    });
  });

  test("the Python spelling matches what the JavaScript pattern matched; the JavaScript one does not work in Python", () => {
    const meant = SAMPLES.filter((s) => s.meant !== undefined);
    const fixed = pythonRe(meant.map((s) => ({ pattern: asOnCallReceivesIt(s.fixed!), inputs: s.meant!.inputs })));
    const original = pythonRe(meant.map((s) => ({ pattern: asOnCallReceivesIt(s.pattern), inputs: s.meant!.inputs })));
    meant.forEach((s, i) => {
      const js = s.meant!.inputs.map((t) => new RegExp(s.meant!.source, s.meant!.flags).test(t));
      expect({ pattern: s.pattern, matches: (fixed[i] as { matches: readonly boolean[] }).matches }).toEqual({ pattern: s.pattern, matches: js });
      const o = original[i];
      // Either Python refuses the JavaScript spelling, or it compiles to something that misses.
      expect(o.error !== null || o.matches.some((m, k) => m !== js[k])).toBe(true);
    });
  });
});

describe("the synth check agrees with Python on generated patterns (fast-check, fixed seed)", () => {
  // Pieces people type, JavaScript habits and PCRE-isms among them, joined at random.
  const TOKENS = [
    "a", "b", "1", "é", "😀", " ", "#", "\n", "(", ")", "(?:", "(?P<n>", "(?P<m>", "(?P=n)", "(?<n>", "(?<=", "(?<!", "(?=", "(?!", "(?#",
    "(?i)", "(?x)", "(?s:", "(?-i:", "(?(1)", "(?(n)", "(?>", "|", "[", "]", "^", "-", "$", "*", "+", "?", "{", "}", ",", "2", "{1,2}", "{2,1}",
    "{,2}", "\\", "\\d", "\\w", "\\b", "\\B", "\\A", "\\Z", "\\z", "\\1", "\\2", "\\0", "\\12", "\\x4", "\\x41", "\\u00e9", "\\u{41}",
    "\\U0001F600", "\\k<n>", "\\p{L}", "\\cA", "\\e", "\\q", "\\N{DIGIT ONE}", "\\-", "\\.", "\\[", "\\]", "\\(", "\\)", "[^]", "[]", ".", "/", "<", ">", "=", "!", ":",
  ];
  const CHARS = [..."ab1(){}[]^$*+?.|\\-,:=!<>#PiLxstu0289 \né😀/kpcNzgeqAZbBdDwWsS"];
  const patterns = [
    ...fc.sample(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 10 }).map((t) => t.join("")), { seed: 10, numRuns: 4000 }),
    ...fc.sample(fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 14 }).map((t) => t.join("")), { seed: 11, numRuns: 4000 }),
  ];

  test("Python refuses exactly the patterns the check calls invalid Python; the check's other refusals compile", () => {
    const results = pythonRe(patterns.map((p) => ({ pattern: asOnCallReceivesIt(p) })));
    const disagreements = patterns.filter((p, i) => {
      const kind = checkPythonPattern(p)?.kind;
      const compiles = results[i].error === null;
      return kind === "python" ? compiles : kind === "portability" ? false : !compiles;
    });
    expect(disagreements).toEqual([]);
    // Both verdicts occur often enough for the comparison to mean something.
    const refused = results.filter((r) => r.error !== null).length;
    expect(refused).toBeGreaterThan(1000);
    expect(patterns.length - refused).toBeGreaterThan(1000);
  });
});

describe("through the loader: a located error with the Python spelling", () => {
  const withRoute = (sender: string) =>
    eventYaml("black-friday-2026") + `  escalations:\n    cto: [page the on-call]\n  routes:\n    - name: mails from the CTO\n      sender: ${JSON.stringify(sender)}\n      escalation: cto\n`;

  test("a JavaScript named group", () => {
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": withRoute("(?<user>cto)@acme-shop\\.example") })).toEqual([
      "events/black-friday-2026.yaml:22:15 oncall.routes[0].sender: is not a valid Python regular expression (OnCall matches routes with Python's re, not JavaScript): (?<user>...) is JavaScript's named group (character 1); fix: (?P<user>...)\n" +
        '    example: sender: "(?P<user>cto)@acme-shop\\\\.example"',
    ]);
  });

  test("a variable-width look-behind: no rewrite, so no example, the fix in words", () => {
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": withRoute("(?<=ops|sre-)team@") })).toEqual([
      'events/black-friday-2026.yaml:22:15 oncall.routes[0].sender: is not a valid Python regular expression (OnCall matches routes with Python\'s re, not JavaScript): variable-width look-behind "(?<=ops|sre-)": Python\'s look-behind must match a fixed number of characters (JavaScript allows any) (character 1); fix: give every branch the same length, e.g. (?<=ab|cd), or match the part before in the pattern itself',
    ]);
  });

  test("a JavaScript regex literal", () => {
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": withRoute("/^cto@/i") })).toEqual([
      "events/black-friday-2026.yaml:22:15 oncall.routes[0].sender: is valid Python but does not mean what it would in JavaScript (OnCall matches routes with Python's re): \"/^cto@/i\" is a JavaScript regex literal; Python would look for the slashes themselves (character 1); fix: write the pattern without slashes and any flag as (?s) etc. at its start (routes are already case-insensitive), or escape slashes you mean literally as \\/\n" +
        '    example: sender: "^cto@"',
    ]);
  });
});
