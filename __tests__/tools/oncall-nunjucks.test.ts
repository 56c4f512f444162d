import * as fs from "node:fs";
import * as path from "node:path";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { MAIL_TEMPLATES, routeTemplate } from "../../lib/oncall/templates";
import { dryRun } from "../../tools/lib/dry-run";
import { renderOnCallTemplate } from "../../tools/lib/jinja/oncall-env";
import { pythonRegex, PythonRegexError } from "../../tools/lib/jinja/python-regex";
import { expectations } from "../fixtures/mail/expectations";
import { testConfig, withConfig } from "../functions/support/config";
import { RenderCase, renderBatch } from "../support/jinja";

// The preview renders the integration's templates with nunjucks; OnCall renders them with Python's
// Jinja2. For the payloads the function really sends, both must print the same text.

const MAIL = path.join(__dirname, "..", "fixtures", "mail");
const raw = (f: string) => fs.readFileSync(path.join(MAIL, f));
const templates = Object.entries({
  groupingKey: MAIL_TEMPLATES.groupingKey,
  resolveSignal: MAIL_TEMPLATES.resolveSignal,
  sourceLink: MAIL_TEMPLATES.sourceLink,
  webTitle: MAIL_TEMPLATES.web.title,
  webMessage: MAIL_TEMPLATES.web.message,
  mobileTitle: MAIL_TEMPLATES.mobileApp.title,
  mobileMessage: MAIL_TEMPLATES.mobileApp.message,
  slackMessage: MAIL_TEMPLATES.slack.message,
  phoneCall: MAIL_TEMPLATES.phoneCall.title,
  sms: MAIL_TEMPLATES.sms.title,
  emailMessage: MAIL_TEMPLATES.email.message,
  routeSender: routeTemplate({ sender: "^cto@acme-shop\\.example$" }),
  routeBoth: routeTemplate({ subject: "(outage|down|checkout)", sender: "@ops\\.acme-shop\\.example$" }),
  routeCustomers: routeTemplate({ customers: ["acme-shop", "globex"] }),
  routeTier: routeTemplate({ tiers: ["platinum"], subject: "down" }),
  routeNotifyCustomer: routeTemplate({ customers: ["acme-shop"] }, "notify"),
});
// The example's customers: the payloads then carry `customer` and `notes` (issue 13).
const withCustomers = withConfig({
  trustedSenders: { addresses: [], domains: [], relays: [] },
  customers: [
    { slug: "acme-shop", name: "Acme Shop", tier: "platinum", language: "en", contacts: [], notes: { runbook: "https://wiki.example/acme", sla: "15 min" }, trustedSenders: { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"], relays: [] }, aliases: [] },
  ],
});

const longBody = (n: number) =>
  `Subject: Everything is slow\r\nFrom: Jane <cto@acme-shop.example>\r\nTo: black-friday-2026@oncall.example.com\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
  `${Array.from({ length: n }, (_, i) => `Line ${i}: timeouts on 🔥 checkout node ${i % 7}, see https://status.acme-shop.example/${i}`).join("\r\n")}\r\n` +
  "Please call me at +1 555 0100.\r\n";

async function functionPayloads(): Promise<{ name: string; payload: AlertPayload }[]> {
  const out: { name: string; payload: AlertPayload }[] = [];
  // A fixed receipt time inside the window unless a case says otherwise (mails without a Date header).
  const add = async (name: string, bytes: Buffer, options: Parameters<typeof dryRun>[2] = {}, config = testConfig) => {
    const r = await dryRun(bytes, config, { timestamp: new Date("2026-11-27T15:00:00Z"), ...options });
    if (r.payload) out.push({ name, payload: r.payload });
  };
  for (const e of expectations) {
    await add(e.file, raw(e.file), { verdicts: e.verdicts, recipients: e.recipients, timestamp: undefined });
    await add(`${e.file} unverified`, raw(e.file), { verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" } });
    await add(`${e.file} outside window`, raw(e.file), { timestamp: new Date("2027-02-01T00:00:00Z") });
  }
  await add("long body, truncated", Buffer.from(longBody(400)), {}, withConfig({ bodyMaxChars: 3000 }));
  await add("long body, mobile cut", Buffer.from(longBody(60)));
  await add("a customer's sender", Buffer.from(longBody(3)), {}, withCustomers);
  await add("a customer's colleague", Buffer.from(longBody(3).replace("cto@acme-shop.example", "jane@acme-shop.example")), {}, withCustomers);
  return out;
}

describe("nunjucks (preview) renders the OnCall templates exactly as Jinja2 (OnCall)", () => {
  let cases: { name: string; template: string; payload: unknown }[];
  let python: ReturnType<typeof renderBatch>;

  beforeAll(async () => {
    const payloads = await functionPayloads();
    const foreign = [
      { name: "hand-sent test alert", payload: { message: "hello" } },
      { name: "empty payload", payload: {} },
      { name: "title only", payload: { title: "Disk full", markers: ["UNVERIFIED"] } },
    ];
    cases = [...payloads, ...foreign].flatMap(({ name, payload }) => templates.map(([t, template]) => ({ name: `${name} / ${t}`, template, payload })));
    python = renderBatch(cases.map((c): RenderCase => ({ template: c.template, payload: c.payload })));
  });

  test("covers the fixture corpus (paging mails, each also unverified and outside the window) and hand-made payloads", () => {
    expect(cases.length).toBeGreaterThan(templates.length * 60);
  });

  test("every template, every payload: same output", () => {
    const differences = cases
      .map((c, i) => ({ name: c.name, python: python[i]!, js: renderOnCallTemplate(c.template, c.payload) }))
      .filter((d) => !d.python.ok || d.python.output !== d.js)
      .map((d) => `${d.name}\n  jinja2:   ${JSON.stringify(d.python.ok ? d.python.output : d.python)}\n  nunjucks: ${JSON.stringify(d.js)}`);
    expect(differences).toEqual([]);
  });
});

describe("the Jinja2 differences nunjucks is corrected for", () => {
  // Each case: a template over `payload.*`, rendered by both engines.
  const probes: [string, string, Record<string, unknown>][] = [
    ["truncate: leeway 5 keeps a slightly longer text", "{{ payload.s | truncate(10) }}", { s: "abcdefghijklmno" }],
    ["truncate: cuts to length - len(end) at a space", "{{ payload.s | truncate(12) }}", { s: "one two three four five" }],
    ["truncate: killwords, no leeway", '{{ payload.s | truncate(8, true, "…", 0) }}', { s: "abcdefghijkl" }],
    ["truncate: counts code points, not UTF-16 units", '{{ payload.s | truncate(6, true, "", 0) }}', { s: "🔥🔥🔥🔥🔥🔥🔥🔥" }],
    ["length counts code points", "{{ payload.s | length }}", { s: "a🔥b" }],
    ["trim strips Python whitespace (\\x1c, \\x85) but not a BOM", "[{{ payload.s | trim }}]", { s: "\x1c\x85 x \ufeff" }],
    ["booleans and None print like Python", "{{ payload.a == 1 }} {{ payload.n }} {{ payload.b }}", { a: 1, n: null, b: false }],
    ["replace replaces every occurrence", '{{ payload.s | replace("_", " ") }}', { s: "A_B_C" }],
    ["regex \\w is Unicode", '{{ payload.s | regex_replace("\\\\w+", "W") }}', { s: "Größe 東京 x_1" }],
    ["regex \\s is Python's whitespace", '{{ payload.s | regex_replace("\\\\s+", "_") }}', { s: "a\x1cb\u2003c\ufeffd" }],
    ["regex . stops only at \\n", '{{ payload.s | regex_replace(".", "x") }}', { s: "a\rb\u2028c\nd" }],
    ["regex $ matches before a final newline", '{{ payload.s | regex_replace("b$", "X") }}', { s: "ab\n" }],
    ["regex (?i), groups and \\1 in the replacement", '{{ payload.s | regex_replace("(?i)(re|fwd):\\\\s*", "[\\\\1] ") }}', { s: "RE: Fwd: hi" }],
    ["regex \\g<name> and an unmatched group", '{{ payload.s | regex_replace("(?P<w>a)|(b)", "<\\\\g<w>\\\\2>") }}', { s: "abc" }],
    ["regex escaped punctuation and a lone brace", '{{ payload.s | regex_replace("\\\\-\\\\@{x", "!") }}', { s: "a-@{xb" }],
    ["regex_search", '{{ payload.s | regex_search("(?i)^cto@") }} {{ payload.s | regex_search("^ops@") }}', { s: "CTO@acme.example" }],
    ["regex \\b is Unicode", '{{ payload.s | regex_replace("\\\\bé", "E") }}', { s: "é aé" }],
  ];

  let python: ReturnType<typeof renderBatch>;
  beforeAll(() => {
    python = renderBatch(probes.map(([, template, payload]) => ({ template, payload })));
  });

  test.each(probes.map((p, i) => [p[0], i] as const))("%s", (_name, i) => {
    const [, template, payload] = probes[i]!;
    expect(python[i]).toEqual({ ok: true, output: renderOnCallTemplate(template, payload) });
  });

  test("a Python regex the preview cannot translate is an error, not a silent difference", () => {
    expect(() => pythonRegex("(?x) a b")).toThrow(PythonRegexError);
    expect(() => pythonRegex("(?>atomic)")).toThrow(PythonRegexError);
    expect(() => pythonRegex("a++")).toThrow(PythonRegexError);
  });
});
