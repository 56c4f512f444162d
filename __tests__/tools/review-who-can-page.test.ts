/**
 * Issue 13: the review lists, per event, the customers and trusted senders a change adds or
 * removes, as a reviewer reads them: from the config layer's document of each side's synth (or the
 * EVENT_CONFIG variable of output synthesized before the layer existed).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadSynthSet } from "../../tools/review/load";
import { diffSynth } from "../../tools/review/diff";
import { synthTree } from "../../tools/review/synth";
import { insertAfterSummary, LAYER_CONFIG_KEY, whoCanPageMarkdown } from "../../tools/review/who-can-page";
import { REPO_ROOT } from "../support/synth";

const FIXTURES = path.join(__dirname, "..", "fixtures", "synth");

test("output synthesized before the layer: the removed sender of the event's own list", () => {
  const base = loadSynthSet(path.join(FIXTURES, "remove-sender", "base"));
  const head = loadSynthSet(path.join(FIXTURES, "remove-sender", "head"));
  expect(whoCanPageMarkdown(base, head)).toBe(
    [
      "### Who can page",
      "",
      "Customers and trusted senders added or removed, per event (from each side's function config).",
      "",
      "**`black-friday-2026`**",
      "",
      "- the event's own trusted senders: − address `ops-lead@acme-shop.example`",
      "",
    ].join("\n"),
  );
  expect(whoCanPageMarkdown(base, base)).toBe("");
});

test("the section goes before the first stack's section, after the summary", () => {
  expect(insertAfterSummary("head\n\n| t |\n\n### `bf` — changed\nbody\n", "### Who can page\n\n- x\n")).toBe("head\n\n| t |\n\n### Who can page\n\n- x\n\n### `bf` — changed\nbody\n");
  expect(insertAfterSummary("**No desired-state change**\n", "### Who can page\n")).toBe("**No desired-state change**\n\n### Who can page\n");
});

describe("two synths of the real app, with the registry (config layer)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-review-customers-"));
  const side = (name: string, edit: (files: Record<string, string>) => void) => {
    const dir = path.join(root, name);
    const files: Record<string, string> = {};
    for (const f of fs.readdirSync(path.join(REPO_ROOT, "events"))) files[`events/${f}`] = fs.readFileSync(path.join(REPO_ROOT, "events", f), "utf8");
    for (const f of fs.readdirSync(path.join(REPO_ROOT, "customers"))) files[`customers/${f}`] = fs.readFileSync(path.join(REPO_ROOT, "customers", f), "utf8");
    edit(files);
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    return synthTree(REPO_ROOT, { ...process.env, EMAIL_TO_ONCALL_CONFIG_DIR: path.join(dir, "events") }).set;
  };
  const base = side("base", () => {});
  const head = side("head", (files) => {
    // Globex leaves the event; Initech joins it; Acme Shop gains an address and loses its ops domain; the platform's lead leaves.
    files["events/black-friday-2026.yaml"] = files["events/black-friday-2026.yaml"]!.replace("customers: [acme-shop, globex]", "customers: [acme-shop, initech]").replace("    - oncall-lead@platform.example\n", "    - oncall-chief@platform.example\n");
    files["customers/acme-shop.yaml"] = files["customers/acme-shop.yaml"]!.replace("    - cto@acme-shop.example\n", "    - cto@acme-shop.example\n    - ceo@acme-shop.example\n").replace("  domains:\n    - ops.acme-shop.example\n", "");
    files["customers/initech.yaml"] = "slug: initech\nname: Initech\ntier: gold\ntrustedSenders:\n  domains: [initech.example]\n";
  });

  test("the layer's document is inlined, so the generic diff shows the config field by field", () => {
    const layer = Object.values((head["black-friday-2026"]!.resource as Record<string, Record<string, Record<string, unknown>>>).aws_lambda_layer_version!)[0]!;
    expect(JSON.parse(layer[LAYER_CONFIG_KEY] as string)).toMatchObject({ slug: "black-friday-2026", customers: [{ slug: "acme-shop" }, { slug: "initech" }] });
    const changed = diffSynth(base, head).stacks.find((s) => s.stack === "black-friday-2026")!;
    const paths = changed.blocks.flatMap((b) => b.attributes.map((a) => a.path));
    expect(paths).toContain(`${JSON.stringify(LAYER_CONFIG_KEY)}⟨json⟩.customers[0].trustedSenders.addresses`);
  });

  test("lists customers added and removed, and every trusted sender added or removed, in words", () => {
    expect(whoCanPageMarkdown(base, head)).toBe(
      [
        "### Who can page",
        "",
        "Customers and trusted senders added or removed, per event (from each side's function config).",
        "",
        "**`black-friday-2026`**",
        "",
        "- the event's own trusted senders: + address `oncall-chief@platform.example`, − address `oncall-lead@platform.example`",
        "- Acme Shop (`acme-shop`): + address `ceo@acme-shop.example`, − domain `ops.acme-shop.example`",
        "- **customer removed: Globex Corporation** (`globex`); can no longer page from: domain `*.globex.example`",
        "- **customer added: Initech** (`initech`, tier gold); may page from: domain `initech.example`",
        "",
      ].join("\n"),
    );
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
});
