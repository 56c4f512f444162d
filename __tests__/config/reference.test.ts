import * as fs from "node:fs";
import * as path from "node:path";
import { END, expectedFiles, REFERENCE_PAGE, START } from "../../scripts/gen-schemas";
import { REPO_ROOT } from "../support/synth";

describe("generated schema artefacts", () => {
  const page = fs.readFileSync(path.join(REPO_ROOT, REFERENCE_PAGE), "utf8");
  const expected = expectedFiles(page);

  test.each(Object.keys(expected))("%s is up to date with config/schema.ts (run `npm run schema`)", (rel) => {
    expect(fs.readFileSync(path.join(REPO_ROOT, rel), "utf8")).toBe(expected[rel]);
  });

  test("the JSON Schema rejects unknown keys and knows every documented field", () => {
    const event = JSON.parse(expected["schemas/event.schema.json"]);
    expect(event.additionalProperties).toBe(false);
    expect(event.required).toEqual(expect.arrayContaining(["slug", "title", "recipients", "window"]));
    // `customer` may be left out once `customers` are listed; event-level trustedSenders is for the platform's own staff.
    expect(event.required).not.toContain("customer");
    expect(event.properties.customers.anyOf.map((v: { const?: string; type?: string }) => v.const ?? v.type)).toEqual(["all", "array"]);
    const customer = JSON.parse(expected["schemas/customer.schema.json"]);
    expect(customer.additionalProperties).toBe(false);
    expect(customer.required).toEqual(expect.arrayContaining(["slug", "name", "trustedSenders"]));
    expect(Object.keys(customer.properties)).toEqual(["slug", "name", "tier", "language", "trustedSenders", "contacts", "notes", "slackChannel", "aliases"]);
    expect(Object.keys(event.properties.window.properties)).toEqual(["start", "end", "timeZone"]);
    const foundation = JSON.parse(expected["schemas/foundation.schema.json"]);
    expect(foundation.properties.ruleSet.properties.mode.enum).toEqual(["create-and-activate", "adopt-active"]);
  });

  test("the reference in docs/configuration.md lists every top-level field of both files", () => {
    expect(REFERENCE_PAGE).toBe("docs/configuration.md");
    for (const field of ["region", "mailDomain", "parentZone.zoneId", "backend.kmsKeyId", "slug", "window.timeZone", "trustedSenders.domains", "function.outsideWindow", "customers", "tier", "notes.runbook", "aliases"]) {
      expect(expected[REFERENCE_PAGE]).toContain(`| \`${field}\` |`);
    }
  });

  test("the generated reference lives in one place: docs/configuration.md, not the README", () => {
    expect(page.split(START)).toHaveLength(2);
    expect(page.split(END)).toHaveLength(2);
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    expect(readme).not.toContain("config-reference:start");
    expect(readme).not.toContain("| `function.outsideWindow` |");
  });

  test("a page without the markers is an error, not a silently skipped reference", () => {
    expect(() => expectedFiles("# no markers here\n")).toThrow(/markers/);
  });

  test("the example configs point editors at the schemas", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "events/foundation.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/foundation\.schema\.json/);
    expect(fs.readFileSync(path.join(REPO_ROOT, "events/black-friday-2026.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/event\.schema\.json/);
  });
});
