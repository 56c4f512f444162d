import { runtimeConfigFor } from "../../stacks/function-config";
import { eventYaml, FOUNDATION_YAML, loadFiles, problemLines, synthFiles } from "../support/synth";

const bf = eventYaml("black-friday-2026");
const withReplies = (block: string) => ({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": `${bf}replies:\n${block}` });

describe("the replies block", () => {
  test("bad values are located, named and explained", () => {
    const lines = problemLines(withReplies('  phone: "555-0100"\n  interval: 10s\n  language: de\n  cc: [Ops@Acme]\n  colour: red\n'));
    expect(lines.join("\n")).toMatch(/black-friday-2026\.yaml:\d+:\d+ replies\.phone: must be an E\.164 phone number such as \+15555550100/);
    expect(lines.join("\n")).toMatch(/black-friday-2026\.yaml:\d+:\d+ replies\.interval: must be from 1m to 7d/);
    expect(lines.join("\n")).toMatch(/black-friday-2026\.yaml:\d+:\d+ replies\.language: .*en.*fr/);
    expect(lines.join("\n")).toMatch(/black-friday-2026\.yaml:\d+:\d+ replies\.cc\[0\]: must be a lower-case e-mail address/);
    expect(lines.join("\n")).toMatch(/replies\.colour: unknown field \(typo\?\)\. Known fields here: enabled, phone/);
  });

  test("a cc contact on the mail domain is refused (the reply would come back in)", () => {
    expect(problemLines(withReplies('  phone: "+15555550100"\n  cc: [ops@oncall.example.com]\n')).join("\n")).toMatch(/black-friday-2026\.yaml:\d+:\d+ replies\.cc\[0\]: must not be on the mail domain oncall\.example\.com: replies copied there come back in as mail/);
  });

  test("a missing phone says what it is for", () => {
    expect(problemLines(withReplies("  language: fr\n")).join("\n")).toMatch(/replies\.phone: is required but missing; add it under replies - What to call when it is urgent beyond mail/);
  });

  test("compiles to the function's settings; enabled: false leaves replies out entirely", () => {
    const on = synthFiles(withReplies('  phone: "+15555550100"\n  interval: 30m\n  language: fr\n  cc: [ops@acme-shop.example]\n')).parsed["black-friday-2026"]!;
    // The function's runtime config (in its config layer), as the event stack builds it.
    const config = loadFiles(withReplies('  phone: "+15555550100"\n  interval: 30m\n  language: fr\n  cc: [ops@acme-shop.example]\n'));
    expect(runtimeConfigFor(config.foundation, config.events[0]!).replies).toEqual({ phone: "+15555550100", intervalSeconds: 1800, outsideWindow: true, language: "fr", cc: ["ops@acme-shop.example"] });
    expect(Object.keys(on.resource.aws_dynamodb_table ?? {})).toHaveLength(1);
    const off = synthFiles(withReplies('  enabled: false\n  phone: "+15555550100"\n')).parsed["black-friday-2026"]!;
    expect(off.resource.aws_dynamodb_table).toBeUndefined();
  });
});
