/**
 * Issue 10, item 4: every problem synth reports says where (file:line:col of the nearest node that
 * exists; for a missing field, its parent mapping), which field, what is wrong in plain words, and a
 * concrete fix or example, derived from what was written where possible. Asserted on the exact text
 * the loader produces, as synth prints it.
 */
import { eventYaml, FOUNDATION_YAML, problemLines } from "../support/synth";

const bf = eventYaml("black-friday-2026");
const withEvent = (text: string) => ({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": text });

describe("a missing required field", () => {
  test("at the top level: plain words, the root mapping's position, the field's description and example", () => {
    expect(problemLines(withEvent(bf.replace("title: Event black-friday-2026\n", "")))).toEqual([
      'events/black-friday-2026.yaml:1:1 title: is required but missing; add it - Human title shown in alerts and Grafana.\n    example: title: "Black Friday 2026"',
    ]);
  });

  test("inside a mapping: located at that mapping (where to add it, at its indentation)", () => {
    expect(problemLines(withEvent(bf.replace('  end: "2026-12-01T06:00"\n', "")))).toEqual([
      'events/black-friday-2026.yaml:7:3 window.end: is required but missing; add it under window - When it stops paging (local time in timeZone).\n    example: end: "2026-12-01T06:00"',
    ]);
  });

  test("a whole missing mapping gets an example built from its fields' examples", () => {
    expect(problemLines(withEvent(bf.replace(/window:\n( {2}.*\n)+/, "")))).toEqual([
      'events/black-friday-2026.yaml:1:1 window: is required but missing; add it - When the address is live.\n    example: window: {"start":"2026-11-26T18:00","end":"2026-12-01T06:00","timeZone":"America/New_York"}',
    ]);
  });
});

describe("YAML syntax errors: plain words, no dangling colon, at the place to fix", () => {
  test("an unclosed [ is reported where it opens, with the line closed as the example", () => {
    expect(problemLines({ "foundation.yaml": "region: [eu-west-1\nmailDomain: oncall.example.com\n" })).toEqual([
      "events/foundation.yaml:1:9 region: not valid YAML: this [ is never closed (YAML gave up looking for its ] at line 2)\n    example: region: [eu-west-1]",
    ]);
  });

  test('a value containing ": " is shown quoted', () => {
    expect(problemLines(withEvent(bf.replace("title: Event black-friday-2026", "title: Black Friday: Acme")))).toEqual([
      'events/black-friday-2026.yaml:2:8 title: not valid YAML: the value contains ": ", which YAML reads as another field; quote the value\n    example: title: "Black Friday: Acme"',
    ]);
  });

  test("an unclosed quote, a duplicate key, a tab and an alias without anchor", () => {
    expect(problemLines(withEvent(bf.replace("title: Event black-friday-2026", 'title: "Black Friday')))).toEqual([
      'events/black-friday-2026.yaml:2:8 title: not valid YAML: the quoted value starting here has no closing " (YAML reads on into the next lines)\n    example: title: "Black Friday"',
    ]);
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML + "region: us-east-1\n" })).toEqual([
      "events/foundation.yaml:9:1 region: not valid YAML: region is given twice in the same mapping; YAML keeps one silently, so say it once\n    fix: delete one of the two region: lines",
    ]);
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML.replace("  name: example.com", "\tname: example.com") })).toEqual([
      "events/foundation.yaml:4:1 parentZone: not valid YAML: a tab is used for indentation; YAML allows only spaces\n    fix: replace the tab with spaces",
    ]);
    // Used to crash synth with a ReferenceError from the YAML library.
    expect(problemLines({ "foundation.yaml": FOUNDATION_YAML + "namePrefix: *prefix\n" })).toEqual([
      "events/foundation.yaml:9:13 namePrefix: *prefix refers to no anchor &prefix defined before it\n    fix: define &prefix on an earlier value, or write the value out",
    ]);
  });
});

test("the same address in two events: located at the later recipient, naming the first one's place", () => {
  const files = { ...withEvent(bf), "cyber-monday-2026.yaml": eventYaml("cyber-monday-2026").replace("  - cyber-monday-2026\n", "  - black-friday-2026\n") };
  expect(problemLines(files)).toEqual([
    'events/cyber-monday-2026.yaml:5:5 recipients[0]: address black-friday-2026@oncall.example.com is already used by event black-friday-2026 (events/black-friday-2026.yaml:5:5); SES would deliver it to only one rule\n    example: - "cyber-monday-2026"',
  ]);
});

test("a schema error no longer hides the file's cross-field problems: all in one run", () => {
  const text = bf.replace("title: Event black-friday-2026", "title: X").replace("2026-12-01T06:00", "2026-11-20T06:00").replace("  - black-friday-2026\n", "  - Black-Friday\n");
  expect(problemLines(withEvent(text))).toEqual([
    'events/black-friday-2026.yaml:2:8 title: must be at least 3 characters long\n    example: title: "Black Friday 2026"',
    'events/black-friday-2026.yaml:8:8 window.end: must be after window.start (2026-11-26T18:00)\n    example: end: "2026-11-27T18:00"',
    'events/black-friday-2026.yaml:5:5 recipients[0]: must be lower case (SES matches recipients case-insensitively; one spelling avoids duplicates)\n    example: - "black-friday"',
  ]);
});

test("a schema error in one event does not hide a duplicate address with another", () => {
  const broken = eventYaml("cyber-monday-2026").replace("title: Event cyber-monday-2026", "title: X").replace("  - cyber-monday-2026\n", "  - black-friday-2026\n");
  expect(problemLines({ ...withEvent(bf), "cyber-monday-2026.yaml": broken }).map((l) => l.split("\n")[0])).toEqual([
    "events/cyber-monday-2026.yaml:2:8 title: must be at least 3 characters long",
    "events/cyber-monday-2026.yaml:5:5 recipients[0]: address black-friday-2026@oncall.example.com is already used by event black-friday-2026 (events/black-friday-2026.yaml:5:5); SES would deliver it to only one rule",
  ]);
});

describe("examples derived from what was written", () => {
  test("an upper-case trusted address: its lower-case spelling", () => {
    expect(problemLines(withEvent(bf.replace("cto@acme-shop.example", "CTO@Acme-Shop.example")))).toEqual([
      'events/black-friday-2026.yaml:11:15 trustedSenders.addresses[0]: must be a lower-case e-mail address such as cto@customer.example; did you mean "cto@acme-shop.example"?\n    example: - "cto@acme-shop.example"',
    ]);
  });

  test("an apex mail domain: a subdomain of it, the apex being the parent zone (and no nonsense parent-zone error)", () => {
    const foundation = FOUNDATION_YAML.replace("mailDomain: oncall.example.com", "mailDomain: acme.example").replace("name: example.com", "name: acme.example");
    expect(problemLines({ "foundation.yaml": foundation })).toEqual([
      'events/foundation.yaml:2:13 mailDomain: must be a subdomain (at least three labels): an MX on acme.example itself would take over all mail of the domain; use a name below it, delegated from the parent zone acme.example (parentZone.name: acme.example)\n    example: mailDomain: "oncall.acme.example"',
    ]);
  });

  test.each([
    ["a mail domain written as a URL", { "foundation.yaml": FOUNDATION_YAML.replace("mailDomain: oncall.example.com", "mailDomain: https://oncall.example.com/") }, 'mailDomain: "oncall.example.com"'],
    ["a date-time with a space", withEvent(bf.replace('"2026-11-26T18:00"', '"2026-11-26 18:00"')), 'start: "2026-11-26T18:00"'],
    ["a date-time with an offset", withEvent(bf.replace('"2026-11-26T18:00"', '"2026-11-26T18:00+01:00"')), 'start: "2026-11-26T18:00"'],
    ["an upper-case region", { "foundation.yaml": FOUNDATION_YAML.replace("region: eu-west-1", "region: EU-WEST-1") }, 'region: "eu-west-1"'],
    ["a policy in capitals", withEvent(`${bf}function:\n  outsideWindow: Page\n`), 'outsideWindow: "page"'],
    ["a log retention CloudWatch does not offer: the nearest one", withEvent(`${bf}function:\n  logRetentionDays: 10\n`), "logRetentionDays: 7"],
    ["a slug with capitals and an underscore", { "foundation.yaml": FOUNDATION_YAML, "black-friday.yaml": eventYaml("Black_Friday") }, 'slug: "black-friday"'],
    ["a hand-off without its leading zero", withEvent(`${bf}        handoff: "6:00"\n`), 'handoff: "06:00"'],
    ["a typo in a field name: the field it is closest to", { "foundation.yaml": `${FOUNDATION_YAML}regoin: eu-west-1\n` }, 'region: "eu-west-1"'],
    ["a backend type that does not exist: the first one that does", { "foundation.yaml": `${FOUNDATION_YAML}backend:\n  type: gcs\n` }, 'type: "local"'],
  ])("%s", (_name, files, example) => {
    const lines = problemLines(files);
    expect(lines.map((l) => l.split("\n    example: ")[1])).toContain(example);
  });

  test("no guessing where a rewrite would be a guess: a username with a space keeps the schema's example", () => {
    expect(problemLines(withEvent(bf.replace("[alice, bob, carol]", "[alice, bob smith]")))).toEqual([
      'events/black-friday-2026.yaml:16:24 oncall.schedule.rotations[0].users[1]: must be a Grafana username (login) such as alice or alice@example.com, as shown in Administration > Users\n    example: - "alice"',
    ]);
  });
});

describe("every message of a catalogue of mistakes has place, field, plain words and a fix", () => {
  const broken: [string, Record<string, string>][] = [
    ["missing title", withEvent(bf.replace("title: Event black-friday-2026\n", ""))],
    ["title is a number", withEvent(bf.replace("title: Event black-friday-2026", "title: 2026"))],
    ["recipients not a list", withEvent(bf.replace("recipients:\n  - black-friday-2026\n", "recipients: black-friday-2026\n"))],
    ["no recipients", withEvent(bf.replace("recipients:\n  - black-friday-2026\n", "recipients: []\n"))],
    ["retention 0", { "foundation.yaml": FOUNDATION_YAML.replace("retentionDays: 30", "retentionDays: 0") }],
    ["s3 backend without bucket", { "foundation.yaml": `${FOUNDATION_YAML}backend:\n  type: s3\n  region: eu-west-1\n` }],
    ["window of months", withEvent(bf.replace("2026-12-01T06:00", "2027-06-01T06:00"))],
    ["duplicate trusted domain", withEvent(bf.replace("[ops.acme-shop.example]", "[ops.acme-shop.example, OPS.acme-shop.example]"))],
    ["recipient listed twice", withEvent(bf.replace("  - black-friday-2026\n", "  - bf\n  - bf@oncall.example.com\n"))],
    ["trusted address on the mail domain", withEvent(bf.replace("cto@acme-shop.example", "cto@oncall.example.com"))],
    ["trusted domain is the mail domain", withEvent(bf.replace("ops.acme-shop.example", "oncall.example.com"))],
    ["unknown step", withEvent(`${bf}  escalation: [page the on-call, call the fire brigade]\n`)],
    ["YAML list item under a scalar", withEvent(bf.replace("customer: Acme Shop\n", "customer: Acme Shop\n- oops\n"))],
    ["empty file", withEvent("")],
  ];

  test.each(broken)("%s", (_name, files) => {
    for (const line of problemLines(files)) {
      const [head, ...rest] = line.split("\n");
      // file:line:col, then the field path and its colon.
      expect(head).toMatch(/^events\/[\w.-]+\.yaml:\d+:\d+(?: \S+)?: \S/);
      // zod's and the YAML library's raw texts never reach the user.
      expect(head).not.toMatch(/Invalid input|expected \w+, received|Too small|Too big|Invalid option|at line \d+, column \d+/);
      expect(head).not.toMatch(/:\s*$/);
      // A fix: an example value or a fix line, or one spelled out in the message.
      expect(rest.some((r) => /^ {4}(example|fix): \S/.test(r)) || /; (fix|rename|add|use|pick|list|retire|delete)\b/.test(head)).toBe(true);
    }
  });
});
