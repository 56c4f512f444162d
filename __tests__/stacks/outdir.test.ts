import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { discardOutput, synthInto } from "../../stacks/outdir";

const tree = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name])).sort()
    : [];

describe("synthInto: the output folder is swapped, never edited in place", () => {
  let root: string;
  let outdir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-outdir-"));
    outdir = path.join(root, "cdktf.out");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (dir: string, files: Record<string, string>) => {
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
  };

  test("the synth writes into a fresh folder; afterwards the output is exactly what it wrote", () => {
    write(outdir, { "manifest.json": "old", "stacks/ghost/cdk.tf.json": "{}", "stacks/kept/cdk.tf.json": "{}" });
    let seen = "";
    synthInto(outdir, (dir) => {
      seen = dir;
      expect(tree(dir)).toEqual([]);
      expect(path.dirname(dir)).toBe(root); // a sibling: the renames stay on one file system
      write(dir, { "manifest.json": "new", "stacks/kept/cdk.tf.json": "{}" });
    });
    expect(tree(outdir)).toEqual(["manifest.json", "stacks/kept/cdk.tf.json"]);
    expect(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).toBe("new");
    expect(fs.existsSync(seen)).toBe(false);
    expect(fs.readdirSync(root)).toEqual(["cdktf.out"]);
  });

  test("a throwing synth removes its partial folder and the previous output, and rethrows", () => {
    write(outdir, { "manifest.json": "old", "stacks/a/cdk.tf.json": "{}" });
    expect(() =>
      synthInto(outdir, (dir) => {
        write(dir, { "stacks/half/cdk.tf.json": "{" });
        throw new Error("validation failed");
      }),
    ).toThrow("validation failed");
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test("discardOutput removes a stale output and says whether there was one", () => {
    expect(discardOutput(outdir)).toBe(false);
    write(outdir, { "manifest.json": "old" });
    expect(discardOutput(outdir)).toBe(true);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
