import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/*
 * No import cycles among the project's own files. A cycle makes the files in it one unit in
 * disguise: none can be read, tested or moved without the others, and the load order decides
 * which of them sees the other's exports as undefined. Type-only imports count too (`import
 * type` couples the files as much for a reader, and a later value import turns it into a
 * runtime cycle without anyone noticing).
 */

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** What the graph covers: the project's TypeScript, not the tests, not generated bindings. */
const ROOTS = ["lib", "config", "stacks", "functions", "tools", "scripts", "bench", "main.ts"];
const SKIPPED_DIRS = new Set(["node_modules", ".gen", ".build", "cdktf.out"]);

/** Files keyed by a path relative to the repository (forward slashes). */
type Sources = ReadonlyMap<string, string>;
/** Each file's imports of other files in the set, sorted, without duplicates. */
type ImportGraph = ReadonlyMap<string, readonly string[]>;

function listProjectSources(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (rel: string) => {
    const full = path.join(root, rel);
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) {
        if (!SKIPPED_DIRS.has(entry)) visit(path.posix.join(rel, entry));
      }
    } else if (rel.endsWith(".ts")) {
      out.set(rel, fs.readFileSync(full, "utf8"));
    }
  };
  for (const r of ROOTS) if (fs.existsSync(path.join(root, r))) visit(r);
  return out;
}

/** Every module specifier of a file: imports, `import type`, re-exports, `import()` and `require()`. */
function specifiersOf(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** The file a relative specifier names, when it is one of `sources` (as TypeScript resolves it). */
function resolveSpecifier(from: string, specifier: string, sources: Sources): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..") return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = base.replace(/\.(js|ts)$/, "");
  for (const candidate of [base, `${stem}.ts`, `${stem}.d.ts`, `${base}/index.ts`, `${base}/index.d.ts`]) {
    if (sources.has(candidate)) return candidate;
  }
  return undefined;
}

function buildImportGraph(sources: Sources): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = new Set<string>();
    for (const s of specifiersOf(text)) {
      const target = resolveSpecifier(file, s, sources);
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Strongly connected components (Tarjan) that hold a cycle: two or more files, or a file importing itself. */
function cyclicComponents(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * The elementary cycles of the graph, each written from its smallest file back to it
 * (`a -> b -> a`), at most `limit` of them: enough to show what to break, bounded when a
 * tangle has very many.
 */
function findCycles(graph: ImportGraph, limit = 100): string[][] {
  const cycles: string[][] = [];
  for (const component of cyclicComponents(graph)) {
    const inside = new Set(component);
    // Each cycle is found once, from its smallest member, through members larger than it only.
    for (const start of component) {
      const path: string[] = [start];
      const onPath = new Set(path);
      const walk = (v: string) => {
        for (const w of graph.get(v) ?? []) {
          if (cycles.length >= limit) return;
          if (!inside.has(w) || w < start) continue;
          if (w === start) cycles.push([...path, start]);
          else if (!onPath.has(w)) {
            path.push(w);
            onPath.add(w);
            walk(w);
            onPath.delete(w);
            path.pop();
          }
        }
      };
      walk(start);
    }
  }
  return cycles;
}

describe("the import graph of the project's own files", () => {
  const sources = listProjectSources(REPO_ROOT);
  const graph = buildImportGraph(sources);

  test("has no cycles (type-only imports included)", () => {
    const cycles = findCycles(graph).map((c) => c.join(" -> "));
    expect(cycles).toEqual([]);
  });

  test("covers the project: every root is read and known imports are edges", () => {
    for (const r of ROOTS) expect([...sources.keys()].some((f) => f === r || f.startsWith(`${r}/`))).toBe(true);
    expect([...sources.keys()].some((f) => f.startsWith(".gen/") || f.includes("node_modules/") || f.startsWith("__tests__/"))).toBe(false);
    expect(graph.get("main.ts")).toContain("config/load.ts");
    expect(graph.get("main.ts")).toContain("stacks/app.ts");
  });
});

describe("the cycle finder itself", () => {
  const graphOf = (files: Record<string, string>) => buildImportGraph(new Map(Object.entries(files)));

  test("finds a cycle made of type-only imports, and names its files in order", () => {
    const graph = graphOf({
      "config/a.ts": `import type { B } from "./b";\nexport type A = B;`,
      "config/b.ts": `import { c } from "./sub/c";\nexport type B = string;`,
      "config/sub/c.ts": `export { a } from "../a.js";\nexport const c = 1;`,
    });
    expect(findCycles(graph)).toEqual([["config/a.ts", "config/b.ts", "config/sub/c.ts", "config/a.ts"]]);
  });

  test("finds imports through index files, import(), require() and import x = require()", () => {
    const graph = graphOf({
      "a.ts": `const b = () => import("./b");`,
      "b.ts": `const c = require("./dir");`,
      "dir/index.ts": `import a = require("../a");`,
      "d.ts": `import * as self from "./d";`,
    });
    expect(findCycles(graph)).toEqual([["a.ts", "b.ts", "dir/index.ts", "a.ts"], ["d.ts", "d.ts"]]);
  });

  test("lists each cycle of a tangle, and ignores packages and files outside the set", () => {
    const graph = graphOf({
      "a.ts": `import "./b";\nimport "./c";\nimport "zod";\nimport "../.gen/providers/x";`,
      "b.ts": `import "./a";`,
      "c.ts": `import "./a";\nimport "./b";`,
    });
    expect(findCycles(graph)).toEqual([
      ["a.ts", "b.ts", "a.ts"],
      ["a.ts", "c.ts", "a.ts"],
      ["a.ts", "c.ts", "b.ts", "a.ts"],
    ]);
  });

  test("does not report a diamond (shared imports without a way back)", () => {
    const graph = graphOf({
      "a.ts": `import "./b";\nimport "./c";`,
      "b.ts": `import "./d";`,
      "c.ts": `import "./d";`,
      "d.ts": `export {};`,
    });
    expect(findCycles(graph)).toEqual([]);
  });
});
