import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generate } from "../../../scripts/gen-grafana";
import { schemaPath } from "../../support/grafana-schema";
import { ROOT } from "./fixture";

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))])).sort();
}

describe("committed Grafana bindings", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gen-grafana-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("are exactly what gen:grafana produces from the schema (no hand edits, no drift)", async () => {
    const n = await generate({ schemaPath: schemaPath(), constraint: "~> 4.45", outdir: out });
    expect(n).toEqual({ resources: 8, dataSources: 10 });
    const committed = path.join(ROOT, ".gen", "providers", "grafana");
    const fresh = path.join(out, "providers", "grafana");
    expect(listFiles(committed)).toEqual(listFiles(fresh));
    for (const f of listFiles(fresh)) expect(`${f}\n${fs.readFileSync(path.join(committed, f), "utf8")}`).toBe(`${f}\n${fs.readFileSync(path.join(fresh, f), "utf8")}`);
  });

  test("hold only OnCall resources and data sources", () => {
    const dirs = fs.readdirSync(path.join(ROOT, ".gen", "providers", "grafana"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(dirs.filter((d) => d !== "provider" && !/^(data-grafana-)?oncall-/.test(d))).toEqual([]);
  });
});
