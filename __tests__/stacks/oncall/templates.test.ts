import type { AlertPayload, FunctionRuntimeConfig } from "../../../functions/mail-to-alert/contract";
import { MARKER_NOTES } from "../../../functions/mail-to-alert/marker-notes";
import { BODY_UNAVAILABLE, DETAILS_HEADING, EMPTY_BODY, renderAlert, RenderInput, stateFromSubject } from "../../../functions/mail-to-alert/render";
import { MAIL_TEMPLATES, routeTemplate } from "../../../lib/oncall/templates";
import { fromTerraformString, isTruthy, RenderCase, renderBatch } from "../../support/jinja";
import { resourcesOf, synthOnCall } from "./fixture";

const payload: AlertPayload = {
  version: 1,
  event: { slug: "black-friday-2026", title: "Black Friday 2026", customer: "Acme Shop" },
  lane: "page",
  reason: "TRUSTED_SENDER",
  alert_uid: "thread-3f2a9c",
  title: "Checkout is down - Acme Shop",
  message: "From: CTO <cto@acme-shop.example>\nSubject: Checkout is down\n\nOur checkout returns 500 since 18:02.",
  subject: "Checkout is down",
  from: { address: "cto@acme-shop.example", name: "CTO" },
  to: ["black-friday-2026@oncall.example.com"],
  cc: [],
  recipients: ["black-friday-2026@oncall.example.com"],
  date: "2026-11-27T23:04:00.000Z",
  message_id: "<abc@acme-shop.example>",
  attachments: [],
  auth: { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS", verified: true, detail: "DMARC pass for acme-shop.example" },
  markers: [],
  raw_mail_url: "https://eu-west-1.console.aws.amazon.com/s3/object/bucket?prefix=black-friday-2026/abc",
  state: "alerting",
};
const unverified: AlertPayload = {
  ...payload,
  lane: "notify",
  reason: "UNVERIFIED",
  markers: ["NOTIFY", "UNVERIFIED", "TRUNCATED"],
  subject: "🔥🔥 URGENT!!! see https://status.acme-shop.example/incident/42 — checkout & payments down for ALL customers in EU and US since 18:02 <b>now</b>",
  title: "🔥🔥 URGENT!!! see https://status.acme-shop.example/incident/42 - Acme Shop",
  auth: { ...payload.auth, dmarc: "GRAY", verified: false },
};
const resolved: AlertPayload = { ...payload, state: "ok", subject: "[resolved] Checkout is down" };
const bare = { message: "hello" }; // a hand-sent test alert: nothing of our contract

// Payloads as the mail-to-alert function renders them (its own renderAlert), not hand-written.
const runtime: FunctionRuntimeConfig = {
  slug: "black-friday-2026",
  title: "Black Friday 2026",
  customer: "Acme Shop",
  addresses: ["black-friday-2026@oncall.example.com"],
  window: { start: "2026-11-26T23:00:00.000Z", end: "2026-12-01T11:00:00.000Z", timeZone: "America/New_York" },
  trustedSenders: { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"], relays: [] },
  policy: { outsideWindow: "page", unverified: "notify", unlistedColleague: "notify" },
  bodyMaxChars: 4000,
  rawMailLink: "console",
  bucket: "email-to-oncall-oncall-example-com-raw-mail",
  prefix: "black-friday-2026/",
  region: "eu-west-1",
};
const fnPayload = (over: Partial<RenderInput>): AlertPayload =>
  renderAlert({
    config: runtime,
    decision: { action: "page", reason: "TRUSTED_SENDER", detail: "", markers: [], verified: true, claimsTrusted: true, sender: { address: "cto@acme-shop.example", name: "Jane CTO" } },
    parseFailed: false,
    subject: "Checkout is down",
    from: { address: "cto@acme-shop.example", name: "Jane CTO" },
    to: ["black-friday-2026@oncall.example.com"],
    cc: [],
    recipients: ["black-friday-2026@oncall.example.com"],
    date: "2026-11-27T23:04:00.000Z",
    messageId: "<abc@acme-shop.example>",
    attachments: [],
    body: { text: "Our checkout returns 500 since 18:02.", truncated: false, omittedChars: 0, trimmedQuotedLines: 0, trimmedSignature: false },
    verdicts: { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" },
    alertUid: "thread-from-function",
    rawMailUrl: "https://eu-west-1.console.aws.amazon.com/s3/object/email-to-oncall-oncall-example-com-raw-mail?prefix=black-friday-2026/abc",
    ...over,
  });
const fnPlain = fnPayload({});
const fnFlagged = fnPayload({
  decision: { action: "notify", reason: "UNVERIFIED", detail: "", markers: ["NOTIFY", "UNVERIFIED", "OUTSIDE_WINDOW"], verified: false, claimsTrusted: true, sender: { address: "cto@acme-shop.example", name: "Jane CTO" } },
  subject: "Re: 🚨 payments down — see https://status.acme-shop.example",
  body: { text: "x".repeat(4000), truncated: true, omittedChars: 1200, trimmedQuotedLines: 0, trimmedSignature: false },
});
const fnResolved = fnPayload({ subject: "Re: [resolved] Checkout is down" });
const noBody = { text: "", truncated: false, omittedChars: 0, trimmedQuotedLines: 0, trimmedSignature: false };
const fnNoSubject = fnPayload({ subject: "", body: { ...noBody, text: "Hi team,\n\nPayments fail for every EU customer since 18:02, see https://status.acme-shop.example\nJane" } });
const fnEmpty = fnPayload({ subject: "", body: noBody });
// A long body as the function truncates it (start and end kept), longer than the mobile budget.
const longText = `Payments fail since 18:02.\n${Array.from({ length: 150 }, (_, i) => `trace ${i}: gateway timeout after 30 s on node ${i % 9}`).join("\n")}\nCall me at +1 555 0100. Jane`;
const fnLong = fnPayload({ body: { ...noBody, text: longText } });

// Templates as Terraform will hand them to the provider: from the synthesized stack, unescaped.
const { stack } = synthOnCall();
const mail = resourcesOf(stack, "grafana_oncall_integration").find((i) => i.type === "webhook")!;
const synthesized = {
  title: fromTerraformString(mail.templates.web.title),
  message: fromTerraformString(mail.templates.web.message),
  mobileMessage: fromTerraformString(mail.templates.mobile_app.message),
  phone: fromTerraformString(mail.templates.phone_call.title),
  sms: fromTerraformString(mail.templates.sms.title),
  grouping: fromTerraformString(mail.templates.grouping_key),
  resolve: fromTerraformString(mail.templates.resolve_signal),
  source: fromTerraformString(mail.templates.source_link),
  notifyRoute: fromTerraformString(resourcesOf(stack, "grafana_oncall_route").find((r) => r.position === 0)!.routing_regex),
  route: fromTerraformString(resourcesOf(stack, "grafana_oncall_route").find((r) => r.position === 1)!.routing_regex),
};

// Every template x every payload, plus extra cases, rendered in ONE python process.
const payloads = { payload, unverified, resolved, bare, fnPlain, fnFlagged, fnResolved } as const;
const cases: (RenderCase & { key: string })[] = [];
for (const [tName, template] of Object.entries(synthesized)) {
  for (const [pName, p] of Object.entries(payloads)) cases.push({ key: `${tName}/${pName}`, template, payload: p });
}
const sender = (address: string) => ({ ...payload, from: { address, name: "" } });
const extra: Record<string, RenderCase> = {
  "route/other-sender": { template: synthesized.route, payload: sender("ops@acme-shop.example") },
  "route/upper-case": { template: synthesized.route, payload: sender("CTO@Acme-Shop.example") },
  "route/lookalike": { template: synthesized.route, payload: sender("cto@acme-shop.example.evil.test") },
  "subject-route/match": { template: routeTemplate({ subject: "outage|down" }), payload },
  "subject-route/miss": { template: routeTemplate({ subject: "outage|down" }), payload: { ...payload, subject: "Question about invoices" } },
  "both/one-misses": { template: routeTemplate({ subject: "down", sender: "^ops@" }), payload },
  "unicode-route": { template: routeTemplate({ subject: "größe" }), payload: { ...payload, subject: "Größe falsch" } },
  "phone/empty-subject": { template: synthesized.phone, payload: { ...payload, subject: "" } },
  "route/notify-lane-cto": { template: synthesized.route, payload: { ...unverified, from: { address: "cto@acme-shop.example", name: "" } } },
  ...Object.fromEntries(
    ["Re: Fwd: AW: Checkout is down", "RE[2]: Checkout is down", "sv:Checkout is down", " Antw : WG: TR: FW: Checkout is down", "Re-install failed"].map((subject, i) => [
      `phone/prefix-${i}`,
      { template: synthesized.phone, payload: { ...payload, subject } },
    ]),
  ),
  "phone/fn-no-subject": { template: synthesized.phone, payload: fnNoSubject },
  "phone/fn-no-subject-no-body": { template: synthesized.phone, payload: fnEmpty },
  "mobile/fn-long": { template: synthesized.mobileMessage, payload: fnLong },
  "mobile/fn-plain": { template: synthesized.mobileMessage, payload: fnPlain },
};
for (const [key, c] of Object.entries(extra)) cases.push({ key, ...c });
const rendered = new Map(renderBatch(cases).map((r, i) => [cases[i].key, r]));
const out = (key: string): string => {
  const r = rendered.get(key);
  if (!r) throw new Error(`no case ${key}`);
  if (!r.ok) throw new Error(`${key} failed to render: ${r.error}`);
  return r.output;
};

describe("mail integration templates rendered by Jinja2 as OnCall does", () => {
  test("no template fails on any payload, even one without our fields", () => {
    const failures = [...rendered.entries()].filter(([, r]) => !r.ok);
    expect(failures).toEqual([]);
  });

  test("title is the function's title; markers responders must see come first", () => {
    expect(out("title/payload")).toBe("Checkout is down - Acme Shop");
    expect(out("title/unverified")).toMatch(/^\[NOTIFY\] \[UNVERIFIED\] 🔥🔥 URGENT/);
    expect(out("title/bare")).toBe("(no subject) - unknown sender");
  });

  test("message is the mail body as rendered by the function, with a bold line per marker", () => {
    expect(out("message/payload")).toBe(payload.message);
    const m = out("message/unverified");
    // The same notes, word for word, as the function writes in its header block.
    expect(m.startsWith(`**${MARKER_NOTES.NOTIFY}**\n`)).toBe(true);
    expect(m).toMatch(/^\*\*ℹ NOTIFY: low urgency, nobody was paged\./);
    expect(m).toContain(`\n**${MARKER_NOTES.UNVERIFIED}**\n`);
    expect(m).toMatch(/\n\*\*⚠ UNVERIFIED: SES could not confirm the sender's domain/);
    expect(m).toContain(`**${MARKER_NOTES.TRUNCATED}**`);
    expect(m.endsWith(payload.message)).toBe(true);
    expect(out("message/bare")).toBe("hello");
    expect(out("mobileMessage/unverified").length).toBeLessThan(2800);
  });

  test("phone call and SMS titles are short, speakable, without URLs or emoji", () => {
    expect(out("phone/payload")).toBe("Acme Shop emergency: Checkout is down");
    const spoken = out("phone/unverified");
    expect(spoken).toMatch(/^Unverified\. Acme Shop emergency: URGENT!!! see checkout & payments down/);
    expect(spoken).not.toMatch(/https?:|status\.acme|[\u{1F300}-\u{1FAFF}]|[<>]/u);
    expect(spoken.length).toBeLessThanOrEqual(120);
    expect(out("sms/unverified")).toBe(spoken);
    expect(out("phone/bare")).toBe("Customer emergency: no subject");
    expect(out("phone/empty-subject")).toBe("Acme Shop emergency: no subject");
  });

  test("the spoken title drops Re:/Fwd:-style prefixes, the same list the function knows for [resolved]", () => {
    for (const i of [0, 1, 2, 3]) expect(out(`phone/prefix-${i}`)).toBe("Acme Shop emergency: Checkout is down");
    expect(out("phone/prefix-4")).toBe("Acme Shop emergency: Re-install failed");
    // Every prefix the template strips is one the function strips before "[resolved]".
    for (const prefix of ["Re", "AW", "SV", "Antw", "Fwd", "Fw", "WG", "TR", "Re[3]"]) expect(stateFromSubject(`${prefix}: [resolved] x`)).toBe("ok");
  });

  test("a mail without subject is read out by its first words (salutation skipped), else 'no subject'", () => {
    expect(out("phone/fn-no-subject")).toBe("Acme Shop emergency: Payments fail for every EU customer since 18:02, see Jane");
    expect(out("phone/fn-no-subject-no-body")).toBe("Acme Shop emergency: no subject");
    expect(fnNoSubject.title).toBe("Payments fail for every EU customer since 18:02, see… — Jane CTO (Acme Shop)");
    expect(fnEmpty.title).toBe("(no subject) — Jane CTO (Acme Shop)");
  });

  test("the templates know the function's details line and body placeholders (two copies of the same text)", () => {
    expect(MAIL_TEMPLATES.mobileApp.message).toContain(DETAILS_HEADING);
    expect(MAIL_TEMPLATES.phoneCall.title).toContain(DETAILS_HEADING);
    for (const placeholder of [EMPTY_BODY, BODY_UNAVAILABLE]) expect(MAIL_TEMPLATES.phoneCall.title).toContain(JSON.stringify(placeholder));
  });

  test("mobile/Slack message: the customer's words first, the header block and the console URL after them", () => {
    const plain = out("mobile/fn-plain");
    expect(plain.startsWith("Our checkout returns 500 since 18:02.\n\n-- mail details --\nEmergency mail for Black Friday 2026")).toBe(true);
    expect(plain.endsWith(`Raw mail (AWS sign-in): ${fnPlain.raw_mail_url}`)).toBe(true);
    const long = out("mobile/fn-long");
    expect(long.length).toBeLessThanOrEqual(2500 + 60);
    expect(long.startsWith("Payments fail since 18:02.")).toBe(true);
    const [words, details] = long.split("\n\n-- mail details --\n");
    expect(words).toMatch(/\n\[… \d+ characters omitted …\]\n/);
    expect(words!.endsWith("Call me at +1 555 0100. Jane")).toBe(true);
    // The header block is kept whole, after the words.
    expect(`-- mail details --\n${details}`).toBe(fnLong.message.slice(fnLong.message.lastIndexOf("-- mail details --")));
  });

  test("grouping key is the thread's alert_uid: one alert group per mail thread", () => {
    expect(out("grouping/payload")).toBe("thread-3f2a9c");
    expect(out("grouping/resolved")).toBe(out("grouping/payload"));
    expect(out("grouping/bare")).not.toBe(""); // empty would make every alert its own group
  });

  test("resolve signal is true only for state ok", () => {
    expect(isTruthy(out("resolve/resolved"))).toBe(true);
    expect(isTruthy(out("resolve/payload"))).toBe(false);
    expect(isTruthy(out("resolve/bare"))).toBe(false);
  });

  test("source link is the raw mail URL, empty when unknown", () => {
    expect(out("source/payload")).toBe(payload.raw_mail_url);
    expect(out("source/bare")).toBe("");
  });

  test("routes match the field they name, case-insensitively, and nothing else", () => {
    expect(isTruthy(out("route/payload"))).toBe(true);
    expect(isTruthy(out("route/upper-case"))).toBe(true);
    expect(isTruthy(out("route/other-sender"))).toBe(false);
    expect(isTruthy(out("route/lookalike"))).toBe(false);
    expect(isTruthy(out("route/bare"))).toBe(false);
    expect(isTruthy(out("subject-route/match"))).toBe(true);
    expect(isTruthy(out("subject-route/miss"))).toBe(false);
    expect(isTruthy(out("both/one-misses"))).toBe(false);
    expect(isTruthy(out("unicode-route"))).toBe(true);
  });

  test("every marker note names its marker: the templates tell by it that the function already wrote the note", () => {
    for (const [marker, note] of Object.entries(MARKER_NOTES)) expect(note.includes(marker) || note.includes(marker.replace("_", " "))).toBe(true);
  });

  test("with the function's own payloads: markers appear once, the body is the function's message", () => {
    expect(out("title/fnPlain")).toBe(fnPlain.title);
    const title = out("title/fnFlagged");
    expect(title.match(/\[UNVERIFIED\]/g)).toHaveLength(1);
    expect(title.match(/\[OUTSIDE WINDOW\]/g)).toHaveLength(1);
    expect(title.startsWith("[NOTIFY] [UNVERIFIED] [OUTSIDE WINDOW] ")).toBe(true);
    expect(out("message/fnPlain")).toBe(fnPlain.message);
    expect(out("message/fnFlagged")).toBe(fnFlagged.message); // its header already explains each marker
    for (const m of fnFlagged.markers) expect(fnFlagged.message).toContain(`\n${MARKER_NOTES[m]}\n`); // one wording on both sides
    expect(out("phone/fnFlagged")).toBe("Unverified. Acme Shop emergency: payments down see");
    expect(out("grouping/fnPlain")).toBe("thread-from-function");
    expect(isTruthy(out("resolve/fnResolved"))).toBe(true);
    expect(isTruthy(out("resolve/fnPlain"))).toBe(false);
    expect(out("source/fnPlain")).toBe(fnPlain.raw_mail_url);
  });

  test("the notify route takes exactly the notify lane; a missing lane is the page lane; user routes never take the notify lane", () => {
    expect(isTruthy(out("notifyRoute/unverified"))).toBe(true);
    expect(isTruthy(out("notifyRoute/payload"))).toBe(false);
    expect(isTruthy(out("notifyRoute/bare"))).toBe(false);
    expect(isTruthy(out("notifyRoute/fnFlagged"))).toBe(true);
    expect(isTruthy(out("route/payload"))).toBe(true);
    expect(isTruthy(out("route/notify-lane-cto"))).toBe(false);
  });

  test("the synthesized templates are exactly the code's templates (nothing lost in escaping)", () => {
    expect(synthesized.phone).toBe(MAIL_TEMPLATES.phoneCall.title);
    expect(synthesized.message).toBe(MAIL_TEMPLATES.web.message);
  });
});

describe("customer routes in real Jinja2 (issue 13)", () => {
  test("match the recognised customer's slug or tier exactly, never a notify alert, never an event sender's mail", () => {
    const bySlug = routeTemplate({ customers: ["acme-shop", "globex"] });
    const byTier = routeTemplate({ tiers: ["platinum"], subject: "down" });
    const acme = { ...payload, customer: { slug: "acme-shop", name: "Acme Shop", tier: "platinum" } };
    const cases: RenderCase[] = [
      { template: bySlug, payload: acme },
      { template: bySlug, payload: { ...acme, customer: { slug: "acme-shop-eu", name: "x", tier: "gold" } } },
      { template: bySlug, payload },
      { template: bySlug, payload: { ...acme, lane: "notify" } },
      { template: byTier, payload: { ...acme, subject: "Checkout is DOWN" } },
      { template: byTier, payload: { ...acme, subject: "question" } },
      { template: byTier, payload: { ...acme, customer: { ...acme.customer, tier: "gold" } } },
      { template: bySlug, payload: bare },
    ];
    expect(renderBatch(cases).map((r) => (r.ok ? isTruthy(r.output) : r.error))).toEqual([true, false, false, false, true, false, false, false]);
  });
});

test("a notify integration's customer route takes notify-lane alerts of that customer only (real Jinja2)", () => {
  const t = routeTemplate({ customers: ["acme-shop"] }, "notify");
  const acme = { ...payload, customer: { slug: "acme-shop", name: "Acme Shop", tier: "platinum" } };
  const out = renderBatch([
    { template: t, payload: { ...acme, lane: "notify" } },
    { template: t, payload: acme },
    { template: t, payload: { ...payload, lane: "notify" } },
  ]);
  expect(out.map((r) => (r.ok ? isTruthy(r.output) : r.error))).toEqual([true, false, false]);
});
