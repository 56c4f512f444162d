import * as path from "node:path";
import { diffSynth } from "../../tools/review/diff";
import { loadSynthSet } from "../../tools/review/load";
import { renderMarkdown, REVIEW_MARKER } from "../../tools/review/markdown";
import type { ReviewDiff, StackDiff, SynthSet } from "../../tools/review/model";
import { eventYaml, FOUNDATION_YAML, synthFiles } from "../support/synth";

const FIXTURES = path.join(__dirname, "..", "fixtures", "synth");
const load = (kase: string) => ({ base: loadSynthSet(path.join(FIXTURES, kase, "base")), head: loadSynthSet(path.join(FIXTURES, kase, "head")) });
const diffOf = (kase: string) => {
  const { base, head } = load(kase);
  return diffSynth(base, head);
};
const md = (d: ReviewDiff) => renderMarkdown(d, { baseLabel: "origin/main", headLabel: "working tree" });
const stack = (d: ReviewDiff, name: string): StackDiff => {
  const s = d.stacks.find((x) => x.stack === name);
  if (!s) throw new Error(`no stack ${name}`);
  return s;
};

describe("review diff on fixture pairs", () => {
  test("adding an event: a new stack with every resource to add, other stacks untouched", () => {
    const d = diffOf("add-event");
    expect(d.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["black-friday-2026", "unchanged"],
      ["cyber-week-2026", "added"],
      ["foundation", "unchanged"],
    ]);
    const added = stack(d, "cyber-week-2026");
    expect(added.counts).toEqual({ add: 6, change: 0, remove: 0 });
    expect(added.blocks.filter((b) => b.kind === "resource").every((b) => b.action === "add")).toBe(true);
    // Sorted by type then name.
    expect(added.blocks.filter((b) => b.kind === "resource").map((b) => b.address)).toEqual([
      "aws_lambda_function.fn",
      "aws_ses_receipt_rule.rule",
      "aws_ssm_parameter.oncall_url",
      "grafana_oncall_escalation_chain.chain",
      "grafana_oncall_integration.mail",
      "grafana_oncall_on_call_shift.rotation",
    ]);
    const text = md(d);
    expect(text).toContain("**1 stack changed: 6 to add, 0 to change, 0 to remove.**");
    expect(text).toContain("### `cyber-week-2026` — new stack");
    expect(text).toContain("Unchanged: `black-friday-2026`, `foundation`.");
  });

  test("changing a rotation: only the shift changes, with before/after per attribute", () => {
    const d = diffOf("change-rotation");
    const s = stack(d, "black-friday-2026");
    expect(s.counts).toEqual({ add: 0, change: 1, remove: 0 });
    expect(s.blocks).toHaveLength(1);
    const shift = s.blocks[0]!;
    expect(shift.address).toBe("grafana_oncall_on_call_shift.rotation");
    expect(shift.attributes.map((a) => [a.path, a.before, a.after])).toEqual([
      ["duration", 43200, 28800],
      ["rolling_users[0]", ["U1"], ["U2"]],
      ["rolling_users[1]", ["U2"], ["U1", "U3"]],
    ]);
    expect(md(d)).toContain("| `duration` | `43200` | `28800` |");
  });

  test("removing a sender: the change is located inside the function's JSON config", () => {
    const d = diffOf("remove-sender");
    const fn = stack(d, "black-friday-2026").blocks[0]!;
    expect(fn.address).toBe("aws_lambda_function.fn");
    expect(fn.assetsChanged).toEqual([]);
    expect(fn.attributes).toEqual([
      {
        path: "environment[0].variables.EVENT_CONFIG⟨json⟩.trustedSenders.addresses",
        before: ["cto@acme-shop.example", "ops-lead@acme-shop.example"],
        after: ["cto@acme-shop.example"],
        sensitive: false,
      },
    ]);
  });

  test("no change: cdktf metadata differences are not a change", () => {
    const d = diffOf("no-change");
    expect(d.stacks.every((s) => s.status === "unchanged" && s.blocks.length === 0)).toBe(true);
    const text = md(d);
    expect(text).toContain("**No desired-state change** in 2 stacks.");
    expect(text).not.toContain("###");
  });

  test("function code change is one line, not two hashes; a removed stack lists what it declared", () => {
    const d = diffOf("code-and-retire");
    const bf = stack(d, "black-friday-2026");
    const fn = bf.blocks.find((b) => b.address === "aws_lambda_function.fn")!;
    expect(fn.action).toBe("change");
    expect(fn.assetsChanged).toEqual(["fn-code"]);
    expect(fn.attributes).toEqual([]);
    const text = md(d);
    expect(text).toContain("**~ `aws_lambda_function.fn`** change — function code changed (`fn-code`)");
    expect(text).not.toMatch(/0A1B2C3D4E5F60718293A4B5C6D7E8F9|FFEEDDCCBBAA99887766554433221100/);
    const retired = stack(d, "cyber-week-2026");
    expect(retired.status).toBe("removed");
    expect(retired.counts).toEqual({ add: 0, change: 0, remove: 6 });
    expect(text).toContain("- `grafana_oncall_integration.mail`");
  });

  test("secrets never reach the Markdown: provider token, integration link, sensitive outputs", () => {
    for (const kase of ["add-event", "code-and-retire"]) {
      const text = md(diffOf(kase));
      expect(text).not.toContain("glsa_");
      expect(text).not.toContain("grafana_oncall_integration.mail.link");
    }
    const added = stack(diffOf("add-event"), "cyber-week-2026");
    const ssm = added.blocks.find((b) => b.address === "aws_ssm_parameter.oncall_url")!;
    expect(ssm.attributes.find((a) => a.path === "value")!.sensitive).toBe(true);
    expect(ssm.attributes.find((a) => a.path === "name")!.sensitive).toBe(false);
    const out = added.blocks.find((b) => b.address === "output.oncall_integration_link")!;
    expect(out.attributes.find((a) => a.path === "value")!.sensitive).toBe(true);
    const provider = stack(diffOf("code-and-retire"), "black-friday-2026").blocks.find((b) => b.address === "provider.grafana")!;
    expect(provider.attributes).toEqual([{ path: "oncall_access_token", before: expect.any(String), after: expect.any(String), sensitive: true }]);
  });

  test("output is stable: same input gives identical text, independent of key and stack order", () => {
    const { base, head } = load("add-event");
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const reversed = reverseKeys(head) as typeof head;
    expect(Object.keys(reversed)).toEqual(Object.keys(head).reverse());
    expect(md(diffSynth(base, head))).toBe(md(diffSynth(base, reversed)));
    expect(md(diffSynth(base, head))).toBe(md(diffSynth(base, head)));
  });

  test("the comment starts with the marker the PR workflow searches for", () => {
    expect(md(diffOf("no-change")).startsWith(REVIEW_MARKER)).toBe(true);
  });
});

describe("review diff on small hand-made inputs", () => {
  const stackWith = (resource: object, extra: object = {}) => ({ resource, ...extra }) as never;

  test("resources are ordered by type then name, attributes by path with numeric indices", () => {
    const base = { s: stackWith({}) };
    const head = {
      s: stackWith({
        b_type: { z: { x: 1 }, a: { x: 1 } },
        a_type: { m: { list: Array.from({ length: 11 }, (_, i) => ({ v: i })) } },
      }),
    };
    const d = diffSynth(base, head);
    expect(d.stacks[0]!.blocks.map((b) => b.address)).toEqual(["a_type.m", "b_type.a", "b_type.z"]);
    const paths = d.stacks[0]!.blocks[0]!.attributes.map((a) => a.path);
    expect(paths.slice(0, 3)).toEqual(["list[0].v", "list[1].v", "list[2].v"]);
    expect(paths[10]).toBe("list[10].v");
  });

  test("an attribute that appears or disappears is shown as absent on the other side", () => {
    const d = diffSynth({ s: stackWith({ t: { n: { keep: 1, gone: "x" } } }) }, { s: stackWith({ t: { n: { keep: 1, fresh: true } } }) });
    const attrs = d.stacks[0]!.blocks[0]!.attributes;
    expect(attrs.map((a) => [a.path, a.before, a.after])).toEqual([
      ["fresh", undefined, true],
      ["gone", "x", undefined],
    ]);
    const text = md(d);
    expect(text).toContain("| `fresh` | _(absent)_ | `true` |");
  });

  test("a value that only differs in a secret reference is masked on both sides", () => {
    const d = diffSynth(
      { s: stackWith({ aws_lambda_function: { f: { environment: [{ variables: { URL: "${grafana_oncall_integration.a.link}" } }] } } }) },
      { s: stackWith({ aws_lambda_function: { f: { environment: [{ variables: { URL: "${grafana_oncall_integration.b.link}" } }] } } }) },
    );
    const a = d.stacks[0]!.blocks[0]!.attributes[0]!;
    expect(a.sensitive).toBe(true);
    expect(md(d)).toContain("| _(sensitive)_ | _(sensitive)_ |");
    expect(md(d)).not.toContain(".link");
  });

  test("pipes and backticks in values cannot break the table", () => {
    const d = diffSynth({ s: stackWith({ t: { n: { v: "a" } } }) }, { s: stackWith({ t: { n: { v: "x | `y`" } } }) });
    const row = md(d).split("\n").find((l) => l.startsWith("| `v`"))!;
    // Three cells: the escaped pipe must not split the row.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(3);
    expect(row).toContain("``\"x \\| `y`\"``");
  });

  test("long reviews are cut before GitHub's comment limit and say how to see the rest", () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`stack-${String(i).padStart(2, "0")}`, stackWith({ t: { n: { v: "x".repeat(500) } } })]));
    const text = renderMarkdown(diffSynth({}, many), { baseLabel: "main", headLabel: "pr", maxChars: 5000 });
    expect(text.length).toBeLessThan(6000);
    expect(text).toContain("Review cut at 5000 characters");
    expect(text).toContain("npm run --silent review -- --base main");
  });
});

describe("changes that reach a resource through a data source", () => {
  // Real synth output: one event, then a second one. The bucket policy resource only says
  // `${data.aws_iam_policy_document.….json}` on both sides; the document itself gains the new prefix.
  const setOf = (files: Record<string, string>) => {
    const { parsed } = synthFiles(files);
    return JSON.parse(JSON.stringify(parsed)) as SynthSet;
  };
  const one = { "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": eventYaml("black-friday-2026") };
  const base = setOf(one);
  const head = setOf({ ...one, "cyber-monday-2026.yaml": eventYaml("cyber-monday-2026") });

  test("a new event shows the foundation's bucket policy as changed, naming the data source", () => {
    const foundation = stack(diffSynth(base, head), "foundation");
    expect(foundation.status).toBe("changed");
    expect(foundation.counts).toEqual({ add: 0, change: 1, remove: 0 });
    const policy = foundation.blocks.find((b) => b.type === "aws_s3_bucket_policy")!;
    expect(policy).toMatchObject({ kind: "resource", action: "change" });
    expect(policy.attributes).toEqual([expect.objectContaining({ path: "policy", through: expect.stringMatching(/^data\.aws_iam_policy_document\./) })]);
    const text = md(diffSynth(base, head));
    expect(text).toContain("| `foundation` | changed | 0 | 1 | 0 |");
    expect(text).toMatch(/\*\*~ `aws_s3_bucket_policy\.[^`]+`\*\* change\n\n\| Attribute \| Before \| After \|\n\|---\|---\|---\|\n\| `policy` \| `"\$\{data\.aws_iam_policy_document\.[^`]+\.json\}"` \| _changes: it reads `data\.aws_iam_policy_document\.[^`]+`, which changed_ \|/);
  });

  test("an unchanged data source changes nothing, and a data source of an added stack is not 'through'", () => {
    expect(stack(diffSynth(base, base), "foundation").status).toBe("unchanged");
    const added = stack(diffSynth(base, head), "cyber-monday-2026");
    expect(added.blocks.every((b) => b.attributes.every((a) => a.through === undefined))).toBe(true);
  });
});
