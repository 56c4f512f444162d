import * as fs from "node:fs";
import * as path from "node:path";
import { expectedFiles } from "../../scripts/gen-schemas";
import { REPO_ROOT } from "../support/synth";

describe("generated schema artefacts", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const expected = expectedFiles(readme);

  test.each(Object.keys(expected))("%s is up to date with config/schema.ts (run `npm run schema`)", (rel) => {
    expect(fs.readFileSync(path.join(REPO_ROOT, rel), "utf8")).toBe(expected[rel]);
  });

  test("the JSON Schema rejects unknown keys and knows every documented field", () => {
    const event = JSON.parse(expected["schemas/event.schema.json"]);
    expect(event.additionalProperties).toBe(false);
    expect(event.required).toEqual(expect.arrayContaining(["slug", "title", "customer", "recipients", "window", "trustedSenders"]));
    expect(Object.keys(event.properties.window.properties)).toEqual(["start", "end", "timeZone"]);
    const foundation = JSON.parse(expected["schemas/foundation.schema.json"]);
    expect(foundation.properties.ruleSet.properties.mode.enum).toEqual(["create-and-activate", "adopt-active"]);
  });

  test("the README reference lists every top-level field of both files", () => {
    for (const field of ["region", "mailDomain", "parentZone.zoneId", "backend.kmsKeyId", "slug", "window.timeZone", "trustedSenders.domains", "function.outsideWindow"]) {
      expect(expected["README.md"]).toContain(`| \`${field}\` |`);
    }
  });

  test("the example configs point editors at the schemas", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "events/foundation.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/foundation\.schema\.json/);
    expect(fs.readFileSync(path.join(REPO_ROOT, "events/black-friday-2026.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/event\.schema\.json/);
  });
});
