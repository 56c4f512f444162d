import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../../config/errors";
import { loadConfig } from "../../config/load";
import { configDir, eventYaml, FOUNDATION_YAML, loadFiles, problemsOf, REPO_ROOT } from "../support/synth";


const bf = (extra = "") => eventYaml("black-friday-2026", extra);
const withFoundation = (foundation: string) => ({ "foundation.yaml": foundation, "black-friday-2026.yaml": bf() });
const withEvent = (text: string, name = "black-friday-2026.yaml") => ({ "foundation.yaml": FOUNDATION_YAML, [name]: text });

describe("loadConfig accepts the shipped example", () => {
  test("events/ loads with resolved addresses and a UTC window", () => {
    const config = loadConfig(`${__dirname}/../../events`);
    expect(config.events.map((e) => e.slug)).toEqual(["black-friday-2026"]);
    const e = config.events[0];
    expect(e.addresses).toEqual(["black-friday-2026@oncall.example.com"]);
    // 18:00 in New York on 26 Nov 2026 (EST, UTC-5) is 23:00 UTC.
    expect(e.windowUtc.start.toISOString()).toBe("2026-11-26T23:00:00.000Z");
    expect(e.function.outsideWindow).toBe("page");
  });

  test("defaults fill in a minimal foundation", () => {
    const c = loadFiles({ "foundation.yaml": "region: us-east-1\nmailDomain: oncall.example.org\n" });
    expect(c.foundation.ruleSet).toEqual({ name: "email-to-oncall", mode: "create-and-activate" });
    expect(c.foundation.backend).toEqual({ type: "local", directory: "terraform-state" });
    expect(c.foundation.rawMail.retentionDays).toBe(90);
    expect(c.events).toEqual([]);
  });

  test("a full address on the mail domain is accepted as a recipient, local parts are completed", () => {
    const c = loadFiles(withEvent(bf().replace("  - black-friday-2026\n", "  - black-friday-2026\n  - acme.vip+bf@oncall.example.com\n")));
    expect(c.events[0].addresses).toEqual(["black-friday-2026@oncall.example.com", "acme.vip+bf@oncall.example.com"]);
  });

  test("drafts (_name.yaml) and non-YAML files are ignored", () => {
    const c = loadFiles({ ...withEvent(bf()), "_draft.yaml": "garbage: [", "README.md": "# notes" });
    expect(c.events).toHaveLength(1);
  });

  test("a region without SES inbound is a warning, not an error", () => {
    const c = loadFiles({ "foundation.yaml": FOUNDATION_YAML.replace("eu-west-1", "ap-east-1") });
    expect(c.warnings.join("\n")).toMatch(/ap-east-1 has no SES inbound endpoint/);
  });

  // A fixed clock on either side of the window's end (2026-12-01T06:00 New York = 11:00 UTC), never today's date.
  const at = (iso: string) => ({ now: () => new Date(iso) });

  test("an event whose window is over warns to retire it; one still running does not", () => {
    const dir = configDir(withEvent(bf()));
    expect(loadConfig(dir, at("2026-12-01T11:00:01Z")).warnings.join("\n")).toMatch(/black-friday-2026\.yaml: the window ended 2026-12-01T06:00 America\/New_York; retire the event/);
    expect(loadConfig(dir, at("2026-12-01T10:59:59Z")).warnings).toEqual([]);
    expect(loadConfig(dir, at("2026-11-20T00:00:00Z")).warnings).toEqual([]);
  });
});

describe("loadConfig rejects bad config with file, field, line and a fix", () => {
  const cases: [string, Record<string, string>, { file: string; field: string; message: RegExp; example?: RegExp }][] = [
    ["missing foundation", { "black-friday-2026.yaml": bf() }, { file: "foundation.yaml", field: "", message: /foundation config is required/ }],
    ["YAML syntax error", withFoundation("region: [eu-west-1\nmailDomain: x\n"), { file: "foundation.yaml", field: "region", message: /not valid YAML: this \[ is never closed/, example: /region: \[eu-west-1\]/ }],
    ["duplicate YAML key", withFoundation(FOUNDATION_YAML + "region: us-east-1\n"), { file: "foundation.yaml", field: "region", message: /not valid YAML: region is given twice/ }],
    ["unknown foundation field (typo)", withFoundation(FOUNDATION_YAML + "regoin: eu-west-1\n"), { file: "foundation.yaml", field: "regoin", message: /unknown field.*Known fields here: region, mailDomain/ }],
    ["malformed region", withFoundation(FOUNDATION_YAML.replace("eu-west-1", "Ireland")), { file: "foundation.yaml", field: "region", message: /AWS region/, example: /region: "eu-west-1"/ }],
    ["mail domain with a scheme", withFoundation(FOUNDATION_YAML.replace("oncall.example.com", "https://oncall.example.com")), { file: "foundation.yaml", field: "mailDomain", message: /DNS name/ }],
    ["mail domain is an apex", withFoundation(FOUNDATION_YAML.replace("mailDomain: oncall.example.com", "mailDomain: example.com").replace("parentZone:\n  name: example.com\n", "")), { file: "foundation.yaml", field: "mailDomain", message: /must be a subdomain/ }],
    ["parent zone is not a parent", withFoundation(FOUNDATION_YAML.replace("name: example.com", "name: example.org")), { file: "foundation.yaml", field: "parentZone.name", message: /must be a parent of mailDomain/, example: /name: "example.com"/ }],
    ["retention of zero days", withFoundation(FOUNDATION_YAML.replace("retentionDays: 30", "retentionDays: 0")), { file: "foundation.yaml", field: "rawMail.retentionDays", message: /must be at least 1, not 0/, example: /retentionDays: 90/ }],
    ["unknown rule set mode", withFoundation(FOUNDATION_YAML + "ruleSet:\n  mode: replace\n"), { file: "foundation.yaml", field: "ruleSet.mode", message: /create-and-activate.*adopt-active/ }],
    ["s3 backend without bucket", withFoundation(FOUNDATION_YAML + "backend:\n  type: s3\n  region: eu-west-1\n"), { file: "foundation.yaml", field: "backend.bucket", message: /is required but missing; add it under backend/, example: /bucket: "acme-terraform-state"/ }],
    ["state bucket is the raw-mail bucket", withFoundation(FOUNDATION_YAML + "backend:\n  type: s3\n  region: eu-west-1\n  bucket: email-to-oncall-oncall-example-com-raw-mail\n"), { file: "foundation.yaml", field: "backend.bucket", message: /must not be the raw-mail bucket/ }],
    ["reserved tag key", withFoundation(FOUNDATION_YAML + "  aws:owner: me\n"), { file: "foundation.yaml", field: "tags.aws:owner", message: /reserved by AWS/ }],
    ["slug differs from file name", withEvent(bf(), "cyber-monday-2026.yaml"), { file: "cyber-monday-2026.yaml", field: "slug", message: /must equal the file name/, example: /slug: "cyber-monday-2026"/ }],
    ["slug with invalid characters", withEvent(eventYaml("Black_Friday"), "Black_Friday.yaml"), { file: "Black_Friday.yaml", field: "slug", message: /lower-case letters, digits and single hyphens/ }],
    ["slug too long for resource names", withEvent(eventYaml("a".repeat(41)), `${"a".repeat(41)}.yaml`), { file: `${"a".repeat(41)}.yaml`, field: "slug", message: /at most 40 characters/ }],
    ["reserved slug", withEvent(eventYaml("default"), "default.yaml"), { file: "default.yaml", field: "slug", message: /is reserved/ }],
    ["unknown event field (typo)", withEvent(bf("trustedSender:\n  domains: [x.example]\n")), { file: "black-friday-2026.yaml", field: "trustedSender", message: /unknown field.*trustedSenders/ }],
    ["recipient on another domain", withEvent(bf().replace("  - black-friday-2026\n", "  - help@acme-shop.example\n")), { file: "black-friday-2026.yaml", field: "recipients[0]", message: /must be on the mail domain oncall.example.com/, example: /help@oncall.example.com/ }],
    ["recipient in upper case", withEvent(bf().replace("  - black-friday-2026\n", "  - Black-Friday\n")), { file: "black-friday-2026.yaml", field: "recipients[0]", message: /lower case/ }],
    ["recipient reserved for mail infrastructure", withEvent(bf().replace("  - black-friday-2026\n", "  - postmaster\n")), { file: "black-friday-2026.yaml", field: "recipients[0]", message: /reserved for mail infrastructure/ }],
    ["recipient listed twice", withEvent(bf().replace("  - black-friday-2026\n", "  - bf\n  - bf@oncall.example.com\n")), { file: "black-friday-2026.yaml", field: "recipients[1]", message: /duplicate address/ }],
    ["no recipients", withEvent(bf().replace("recipients:\n  - black-friday-2026\n", "recipients: []\n")), { file: "black-friday-2026.yaml", field: "recipients", message: /at least one address/ }],
    ["window ends before it starts", withEvent(bf().replace("2026-12-01T06:00", "2026-11-20T06:00")), { file: "black-friday-2026.yaml", field: "window.end", message: /must be after window.start/, example: /end: "2026-11-27T18:00"/ }],
    ["window of several months", withEvent(bf().replace("2026-12-01T06:00", "2027-06-01T06:00")), { file: "black-friday-2026.yaml", field: "window.end", message: /longer than 92 days/ }],
    ["time zone abbreviation", withEvent(bf().replace("America/New_York", "EST")), { file: "black-friday-2026.yaml", field: "window.timeZone", message: /IANA time zone/, example: /timeZone: "America\/New_York"/ }],
    ["unknown time zone", withEvent(bf().replace("America/New_York", "Mars/Olympus_Mons")), { file: "black-friday-2026.yaml", field: "window.timeZone", message: /IANA time zone/ }],
    ["impossible calendar date", withEvent(bf().replace("2026-11-26T18:00", "2026-02-30T18:00")), { file: "black-friday-2026.yaml", field: "window.start", message: /real local date-time/ }],
    ["date-time with an offset", withEvent(bf().replace("2026-11-26T18:00", "2026-11-26T18:00Z")), { file: "black-friday-2026.yaml", field: "window.start", message: /no offset/ }],
    ["nobody trusted", withEvent(bf().replace("  addresses: [cto@acme-shop.example]\n  domains: [ops.acme-shop.example]\n", "  addresses: []\n")), { file: "black-friday-2026.yaml", field: "trustedSenders", message: /nobody could page/ }],
    ["trusted address malformed", withEvent(bf().replace("cto@acme-shop.example", "CTO at acme")), { file: "black-friday-2026.yaml", field: "trustedSenders.addresses[0]", message: /e-mail address/ }],
    ["trusted domain is the mail domain (loop)", withEvent(bf().replace("ops.acme-shop.example", "oncall.example.com")), { file: "black-friday-2026.yaml", field: "trustedSenders.domains[0]", message: /loop/ }],
    ["trusted domain listed twice", withEvent(bf().replace("[ops.acme-shop.example]", "[ops.acme-shop.example, OPS.acme-shop.example]")), { file: "black-friday-2026.yaml", field: "trustedSenders.domains[1]", message: /must be a domain|duplicate/ }],
    ["empty event file", withEvent(""), { file: "black-friday-2026.yaml", field: "", message: /must be a YAML mapping/ }],
    [".yml extension", { "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yml": bf() }, { file: "black-friday-2026.yml", field: "", message: /use the .yaml extension/ }],
    ["no oncall block (nobody would be paged)", withEvent(bf().replace(/oncall:\n[\s\S]*$/, "")), { file: "black-friday-2026.yaml", field: "oncall", message: /is required but missing/ }],
    ["unknown outside-window policy", withEvent(bf("function:\n  outsideWindow: maybe\n")), { file: "black-friday-2026.yaml", field: "function.outsideWindow", message: /must be one of "page", "notify", "drop", not the text "maybe"/, example: /outsideWindow: "page"/ }],
    ["log retention CloudWatch does not offer", withEvent(bf("function:\n  logRetentionDays: 10\n")), { file: "black-friday-2026.yaml", field: "function.logRetentionDays", message: /must be one of 1, 3, 5, .* not the number 10; did you mean 7\?/, example: /logRetentionDays: 7/ }],
  ];

  test.each(cases)("%s", (_name, files, want) => {
    const problems = problemsOf(files);
    const p = problems.find((x) => x.file.endsWith(want.file) && x.field === want.field);
    if (!p) throw new Error(`no problem at ${want.file} ${want.field}; got:\n${problems.map((x) => `${x.file} ${x.field}: ${x.message}`).join("\n")}`);
    expect(p.message).toMatch(want.message);
    if (want.example) expect(p.example).toMatch(want.example);
    // Every problem inside an existing file points at a line a reviewer can jump to.
    if (want.field) expect(p.line).toBeGreaterThan(0);
  });

  test("the same address in two events is rejected, naming the other event", () => {
    const problems = problemsOf({
      "foundation.yaml": FOUNDATION_YAML,
      "black-friday-2026.yaml": bf(),
      "cyber-monday-2026.yaml": eventYaml("cyber-monday-2026").replace("  - cyber-monday-2026\n", "  - black-friday-2026\n"),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toMatch(/cyber-monday-2026.yaml$/);
    expect(problems[0].message).toMatch(/already used by event black-friday-2026/);
  });

  test("all problems of all files are reported at once, with line numbers of the offending values", () => {
    const dir = configDir({
      "foundation.yaml": FOUNDATION_YAML,
      "black-friday-2026.yaml": bf().replace("America/New_York", "EST").replace("2026-12-01T06:00", "2026-11-20T06:00"),
      "x-mas.yaml": eventYaml("x-mas").replace("cto@acme-shop.example", "nope"),
    });
    let error: ConfigError | undefined;
    try {
      loadConfig(dir);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const fields = error!.problems.map((p) => `${p.file.split("/").pop()} ${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(["black-friday-2026.yaml window.timeZone", "x-mas.yaml trustedSenders.addresses[0]"]));
    const tz = error!.problems.find((p) => p.field === "window.timeZone")!;
    expect(tz.line).toBe(9); // `timeZone: EST` is on line 9 of the generated event file
    expect(error!.message).toMatch(/black-friday-2026.yaml:9:\d+ window.timeZone: must be an IANA time zone/);
    expect(error!.message).toMatch(/nothing was synthesized/);
  });
});

describe("the shipped example's dates are the user's to set", () => {
  const example = fs.readFileSync(path.join(REPO_ROOT, "events", "black-friday-2026.yaml"), "utf8");
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

  test("the example says so right above its window, and the README's first steps say to set them", () => {
    expect(example).toMatch(/# SET THESE DATES TO YOUR EVENT'S\.[^\n]*\n#[^\n]*\nwindow:\n/);
    // The README's ten-minute path (clone to a first event): one of its first steps sets the dates.
    const start = readme.indexOf("\n## Ten minutes from clone to a first event\n");
    expect(start).toBeGreaterThan(0);
    const end = readme.indexOf("\n## ", start + 1);
    const firstSteps = readme.slice(start, end < 0 ? undefined : end);
    expect(firstSteps).toMatch(/\n[1-3]\. \*\*Set your event's dates\.\*\*/);
  });

  test("with a clock past the example window, synth's loader warns; inside it, it does not", () => {
    const dir = path.join(REPO_ROOT, "events");
    expect(loadConfig(dir, { now: () => new Date("2027-01-01T00:00:00Z") }).warnings).toEqual([expect.stringMatching(/the window ended/)]);
    expect(loadConfig(dir, { now: () => new Date("2026-11-27T15:00:00Z") }).warnings).toEqual([]);
  });
});
