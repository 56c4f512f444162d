import { loadConfig } from "../../config/load";
import { findNameCollisions, namedObjects, ONCALL_NAME_MAX, OnCallName, onCallNames } from "../../config/oncall-names";
import { configDir, eventYaml, FOUNDATION_YAML, problemLines, synthFiles, TfJson } from "../support/synth";

/** OnCall object names of a synthesized stack, by kind (the `name` of each grafana_oncall_* resource). */
function oncallNames(tf: TfJson): Record<string, string[]> {
  const kinds: Record<string, string> = {
    grafana_oncall_integration: "integration",
    grafana_oncall_escalation_chain: "escalation chain",
    grafana_oncall_schedule: "schedule",
    grafana_oncall_on_call_shift: "shift",
    grafana_oncall_outgoing_webhook: "outgoing webhook",
  };
  const out: Record<string, string[]> = {};
  for (const [type, kind] of Object.entries(kinds)) {
    const names = Object.values(tf.resource[type] ?? {}).map((r) => String(r.name));
    if (names.length) out[kind] = names.sort();
  }
  return out;
}

// Two events with the same title and customer: before names carried the slug, both integrations
// were "Event ... - Acme Shop (e-mail)" and OnCall refused the second at apply.
const sameTitle = (slug: string) => eventYaml(slug).replace(`title: Event ${slug}`, "title: Black Friday").concat("  escalations:\n    cto: [page the on-call]\n");

describe("every OnCall name is unique per event", () => {
  const synth = synthFiles({ "foundation.yaml": FOUNDATION_YAML, "black-friday-eu.yaml": sameTitle("black-friday-eu"), "black-friday-us.yaml": sameTitle("black-friday-us") });
  const eu = oncallNames(synth.parsed["black-friday-eu"]);
  const us = oncallNames(synth.parsed["black-friday-us"]);

  test("two events with the same title and customer synthesize with no OnCall name in common", () => {
    for (const kind of Object.keys({ ...eu, ...us })) {
      const all = [...(eu[kind] ?? []), ...(us[kind] ?? [])].map((n) => n.toLowerCase());
      expect({ kind, duplicates: all.filter((n, i) => all.indexOf(n) !== i) }).toEqual({ kind, duplicates: [] });
    }
    expect(eu.integration).toEqual(["black-friday-eu: Black Friday - Acme Shop (e-mail)", "black-friday-eu: Black Friday - Acme Shop (e-mail, notify lane)", "black-friday-eu: Black Friday - mail pipeline health"]);
    expect(us.integration).toEqual(["black-friday-us: Black Friday - Acme Shop (e-mail)", "black-friday-us: Black Friday - Acme Shop (e-mail, notify lane)", "black-friday-us: Black Friday - mail pipeline health"]);
  });

  test("each kind OnCall keeps unique carries the slug: integrations, chains, schedule, shifts (no outgoing webhooks exist)", () => {
    expect(eu).toEqual({
      integration: expect.any(Array),
      "escalation chain": ["black-friday-eu", "black-friday-eu cto", "black-friday-eu notify (no paging)"],
      schedule: ["black-friday-eu on-call"],
      shift: ["black-friday-eu on-call rotation-1"],
    });
  });

  test("the stack deploys exactly the names the loader checks", () => {
    const spec = loadConfig(configDir({ "foundation.yaml": FOUNDATION_YAML, "black-friday-us.yaml": sameTitle("black-friday-us") })).events[0];
    const checked = namedObjects(spec).reduce<Record<string, string[]>>((acc, o) => ({ ...acc, [o.kind]: [...(acc[o.kind] ?? []), o.name].sort() }), {});
    expect(us).toEqual(checked);
  });

  test("the longest title and customer still fit OnCall's 150 characters, keep the slug whole and stay distinct", () => {
    const e = (slug: string) => ({ slug, title: "T".repeat(100), customer: "C".repeat(80), oncall: { schedule: { rotations: [{ name: "r".repeat(60) }] }, escalations: { ["e".repeat(30)]: [] } } });
    const a = onCallNames(e("a".repeat(39) + "1"));
    const b = onCallNames(e("a".repeat(39) + "2"));
    for (const n of [a, b]) {
      expect(n.mailIntegration.length).toBeLessThanOrEqual(ONCALL_NAME_MAX.integration);
      expect(n.healthIntegration.length).toBeLessThanOrEqual(ONCALL_NAME_MAX.integration);
      expect(n.mailIntegration).toMatch(/^a{39}\d: T+\.\.\. \(e-mail\)$/);
      expect(n.healthIntegration).toMatch(/^a{39}\d: T+\.\.\. - mail pipeline health$/);
      expect(n.shifts[0].length).toBeLessThanOrEqual(ONCALL_NAME_MAX.shift);
      for (const c of n.chains.values()) expect(c.length).toBeLessThanOrEqual(ONCALL_NAME_MAX["escalation chain"]);
    }
    expect(a.mailIntegration).not.toBe(b.mailIntegration);
  });
});

describe("synth refuses names OnCall would take as equal", () => {
  test("two rotations whose names differ only in case: located at the second, naming the first", () => {
    const event = eventYaml("black-friday-2026").replace(
      "      - users: [alice, bob, carol]\n        every: 12h\n",
      "      - name: Primary\n        users: [alice, bob]\n        every: 12h\n      - name: primary\n        users: [carol]\n        every: 12h\n",
    );
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": event })).toEqual([
      'events/black-friday-2026.yaml:19:15 oncall.schedule.rotations[1].name: gives the OnCall shift name "black-friday-2026 on-call primary", already taken by oncall.schedule.rotations[0].name (line 16:15); OnCall wants shift names unique in the organisation (ignoring case), so rename one of them\n    example: name: "primary-2"',
    ]);
  });

  test("across events, the later file is the one told to rename (the guard behind the slug prefix)", () => {
    // Slug-derived names cannot collide across events, so the guard is fed colliding names directly.
    const object = (name: string): OnCallName => ({ kind: "integration", name, path: ["title"] });
    const collisions = findNameCollisions([
      { owner: "events/a.yaml", objects: [object("Black Friday (e-mail)")] },
      { owner: "events/b.yaml", objects: [object("black friday (e-mail) "), { ...object("Black Friday (e-mail)"), kind: "schedule" }] },
    ]);
    expect(collisions).toEqual([{ at: "events/b.yaml", object: object("black friday (e-mail) "), first: "events/a.yaml", firstObject: object("Black Friday (e-mail)") }]);
  });
});
