import { loadGrafanaSchema, validateGrafanaStack } from "../../support/grafana-schema";
import { eventWith, exampleEvent, resourcesOf, synthOnCall } from "./fixture";

const example = synthOnCall();
const { stack } = example;
const byAddress = (type: string, pred: (r: Record<string, any>) => boolean) => resourcesOf(stack, type).filter(pred);

describe("EventOnCall for the example event", () => {
  test("passes the grafana provider schema validation", () => {
    expect(validateGrafanaStack(stack)).toEqual([]);
  });

  test("declares grafana/grafana ~> 4.45 and no credentials in the provider block", () => {
    expect(stack.terraform.required_providers.grafana).toEqual({ source: "grafana/grafana", version: "~> 4.45" });
    expect(stack.provider.grafana).toEqual([{}]);
  });

  test("resolves every username once with data grafana_oncall_user", () => {
    const users = Object.values(stack.data.grafana_oncall_user).map((u: any) => u.username).sort();
    expect(users).toEqual(["alice", "bob", "carol", "dave"]);
    expect(Object.values(stack.data.grafana_oncall_team)).toEqual([expect.objectContaining({ name: "Platform" })]);
  });

  test("the rotation is one rolling_users shift of 12h turns from the window start's 18:00 hand-off to the window end", () => {
    const shifts = resourcesOf(stack, "grafana_oncall_on_call_shift");
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toMatchObject({
      type: "rolling_users",
      start: "2026-11-26T18:00:00",
      until: "2026-12-01T06:00:00",
      duration: 43200,
      frequency: "hourly",
      interval: 12,
      time_zone: "America/New_York",
      level: 1,
    });
    expect(shifts[0].rolling_users).toEqual([
      [expect.stringMatching(/^\$\{data\.grafana_oncall_user\..*alice.*\.id\}$/)],
      [expect.stringMatching(/bob.*\.id\}$/)],
      [expect.stringMatching(/carol.*\.id\}$/)],
    ]);
    const [schedule] = resourcesOf(stack, "grafana_oncall_schedule");
    expect(schedule).toMatchObject({ name: "black-friday-2026 on-call", type: "calendar", time_zone: "America/New_York" });
    expect(schedule.shifts).toEqual([expect.stringMatching(/^\$\{grafana_oncall_on_call_shift\..*\.id\}$/)]);
  });

  test("the default escalation compiles to ordered steps with per-type fields", () => {
    const chains = resourcesOf(stack, "grafana_oncall_escalation_chain").map((c) => c.name).sort();
    expect(chains).toEqual(["black-friday-2026", "black-friday-2026 cto", "black-friday-2026 notify (no paging)"]);
    const steps = byAddress("grafana_oncall_escalation", (s) => !String(s.escalation_chain_id).includes("cto")).sort((a, b) => a.position - b.position);
    // "repeat up to 2 times" unrolls: 3 steps x 3 runs.
    expect(steps.map((s) => s.type)).toEqual([
      "notify_on_call_from_schedule", "wait", "notify_team_members",
      "notify_on_call_from_schedule", "wait", "notify_team_members",
      "notify_on_call_from_schedule", "wait", "notify_team_members",
    ]);
    expect(steps.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(steps[0]).toMatchObject({ important: true, notify_on_call_from_schedule: expect.stringMatching(/grafana_oncall_schedule\..*\.id/) });
    expect(steps[0].duration).toBeUndefined();
    expect(steps[1]).toEqual(expect.objectContaining({ type: "wait", duration: 300 }));
    expect(steps[1].important).toBeUndefined();
    expect(steps[2].notify_to_team_members).toMatch(/data\.grafana_oncall_team\..*\.id/);
    // Created one after the other so OnCall keeps the order.
    expect(steps[1].depends_on).toEqual([expect.stringMatching(/^grafana_oncall_escalation\..*step-0/)]);
  });

  test("the notify lane's route comes first and leads to a chain with no steps (it pages nobody)", () => {
    const notify = resourcesOf(stack, "grafana_oncall_route").find((r) => r.position === 0)!;
    expect(notify).toMatchObject({ routing_type: "jinja2", routing_regex: '{{ (payload.lane or "page") == "notify" }}' });
    expect(notify.escalation_chain_id).toMatch(/grafana_oncall_escalation_chain\..*notify.*\.id/);
    expect(byAddress("grafana_oncall_escalation", (s) => String(s.escalation_chain_id).includes("notify"))).toEqual([]);
  });

  test("the CTO route is a jinja2 route to the cto chain, after the notify route and before the default route", () => {
    const route = resourcesOf(stack, "grafana_oncall_route").find((r) => r.position === 1)!;
    expect(route).toMatchObject({ position: 1, routing_type: "jinja2" });
    expect(route.routing_regex).toContain('regex_search("(?i)^cto@acme-shop\\\\.example$")');
    expect(route.escalation_chain_id).toMatch(/grafana_oncall_escalation_chain\..*cto.*\.id/);
    const cto = byAddress("grafana_oncall_escalation", (s) => String(s.escalation_chain_id).includes("cto")).sort((a, b) => a.position - b.position);
    expect(cto.map((s) => s.type)).toEqual(["notify_on_call_from_schedule", "notify_persons", "wait", "repeat_escalation"]);
    expect(cto[1].persons_to_notify).toEqual([expect.stringMatching(/dave.*\.id\}$/)]);
  });

  test("the notify lane has its own webhook integration (its own rate budget), same templates, default route to the notify chain", () => {
    const [notify] = byAddress("grafana_oncall_integration", (i) => String(i.name).includes("notify lane"));
    const [mail] = byAddress("grafana_oncall_integration", (i) => i.type === "webhook" && !String(i.name).includes("notify lane"));
    expect(notify).toMatchObject({ type: "webhook", name: "black-friday-2026: Black Friday 2026 (e-mail, notify lane)" });
    expect(notify.default_route.escalation_chain_id).toMatch(/grafana_oncall_escalation_chain\..*notify.*\.id/);
    expect(notify.templates).toEqual(mail.templates);
    expect(example.construct.notifyIntegrationLink).not.toBe(example.construct.integrationLink);
  });

  test("the mail integration is a webhook with every template and the default chain", () => {
    const mail = byAddress("grafana_oncall_integration", (i) => i.type === "webhook" && !String(i.name).includes("notify lane"));
    expect(mail).toHaveLength(1);
    expect(mail[0].name).toBe("black-friday-2026: Black Friday 2026 (e-mail)");
    expect(mail[0].default_route.escalation_chain_id).toMatch(/grafana_oncall_escalation_chain\.oncall_escalation-default_chain_[A-F0-9]+\.id/);
    const t = mail[0].templates;
    expect(t.grouping_key).toContain("payload.alert_uid");
    expect(t.resolve_signal).toBe('{{ payload.state == "ok" }}');
    expect(t.source_link).toContain("payload.raw_mail_url");
    for (const k of ["web", "mobile_app", "slack", "email"]) expect(Object.keys(t[k]).sort()).toEqual(["message", "title"]);
    expect(t.phone_call.title).toContain("emergency:");
    expect(t.sms.title).toBe(t.phone_call.title);
  });

  test("the health integration is amazon_sns, pages the default chain, and the topic subscribes over https", () => {
    const [health] = byAddress("grafana_oncall_integration", (i) => i.type === "amazon_sns");
    expect(health.default_route.escalation_chain_id).toMatch(/oncall_escalation-default_chain/);
    const [sub] = resourcesOf(stack, "aws_sns_topic_subscription");
    expect(sub).toMatchObject({ protocol: "https", endpoint_auto_confirms: true, topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\.health\.arn\}$/) });
    expect(sub.endpoint).toMatch(/^\$\{sensitive\(grafana_oncall_integration\.oncall_health_integration_[A-F0-9]+\.link\)\}$/);
  });
});

describe("the integration URL is a credential", () => {
  test("integrationLink is a sensitive() reference to the mail integration's link, never a literal", () => {
    expect(example.construct.integrationLink).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    const { TerraformOutput, TerraformStack, Testing } = require("cdktf");
    const app = Testing.app();
    const s = new TerraformStack(app, "probe");
    const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
    const { EmergencyOnCall, GrafanaOnCallProvider } = require("../../../lib");
    const { onCallPropsFor } = require("../../../stacks/event-on-call");
    new AwsProvider(s, "aws", { region: "eu-west-1" });
    new GrafanaOnCallProvider(s, "grafana");
    const oc = new EmergencyOnCall(s, "oncall", onCallPropsFor(exampleEvent().event));
    new TerraformOutput(s, "probe", { value: oc.integrationLink, sensitive: true });
    const out = JSON.parse(Testing.synth(s)).output.probe.value;
    expect(out).toMatch(/^\$\{sensitive\(grafana_oncall_integration\.oncall_mail_integration_[A-F0-9]+\.link\)\}$/);
  });

  test("no output and no URL literal of an integration appears in the synthesized stack", () => {
    expect(stack.output).toBeUndefined();
    expect(example.json).not.toMatch(/https?:\/\/[^"\s]*integrations/);
    expect(example.json).not.toMatch(/oncall\.invalid|placeholder/);
    // The only uses of `.link` are wrapped in sensitive().
    const uses = example.json.match(/.{10}grafana_oncall_integration\.[^".]*\.link/g) ?? [];
    expect(uses).toHaveLength(1); // the health subscription endpoint; the event stack adds the SSM value
    for (const u of uses) expect(u).toMatch(/sensitive\(grafana_oncall_integration/);
  });
});

describe("other configurations synthesize valid OnCall resources", () => {
  test("follow-the-sun layers, groups, team-less chains, Slack and every step kind pass the schema", () => {
    const event = eventWith({
      slackChannel: "#acme-incidents",
      schedule: {
        rotations: [
          { name: "europe", users: ["anna", ["ben", "bea"]], every: "1d", shift: "12h", handoff: "07:00", timeZone: "Europe/Berlin" },
          { name: "americas", users: ["carl", "cora"], every: "1d", shift: "12h", handoff: "07:00", timeZone: "America/Chicago" },
        ],
      },
      escalation: ["page the on-call, important", "wait 90s", "page the next on-call", "notify the slack channel", "page everyone on the rotation", "wait 1h", "resolve"],
      escalations: { weekly: ["page anna", "repeat"] },
      routes: [{ name: "outages", subject: "outage|down", escalation: "weekly", slackChannel: "acme-outages" }],
    });
    const { stack: s } = synthOnCall(event);
    expect(validateGrafanaStack(s)).toEqual([]);
    const shifts = resourcesOf(s, "grafana_oncall_on_call_shift").sort((a, b) => a.level - b.level);
    expect(shifts.map((x) => [x.time_zone, x.frequency, x.interval, x.duration, x.level])).toEqual([
      ["Europe/Berlin", "daily", 1, 43200, 1],
      ["America/Chicago", "daily", 1, 43200, 2],
    ]);
    expect(shifts[0].rolling_users).toHaveLength(2);
    expect(shifts[0].rolling_users[1]).toHaveLength(2);
    expect(shifts[0].team_id).toBeUndefined();
    const mail = resourcesOf(s, "grafana_oncall_integration").find((i) => i.type === "webhook")!;
    expect(mail.default_route.slack).toEqual({ channel_id: expect.stringMatching(/data\.grafana_oncall_slack_channel\..*acme-incidents.*\.slack_id/), enabled: true });
    expect(Object.values(s.data.grafana_oncall_slack_channel).map((c: any) => c.name).sort()).toEqual(["acme-incidents", "acme-outages"]);
  });

  test("the smallest oncall block (one rotation) synthesizes valid resources with the default escalation", () => {
    const { stack: s } = synthOnCall(eventWith({ schedule: { rotations: [{ users: ["alice", "bob", "carol"], every: "12h" }] } }));
    expect(validateGrafanaStack(s)).toEqual([]);
    const steps = resourcesOf(s, "grafana_oncall_escalation").sort((a, b) => a.position - b.position);
    expect(steps.map((x) => x.type)).toEqual(["notify_on_call_from_schedule", "wait", "notify_on_call_from_schedule", "wait", "notify_persons", "repeat_escalation"]);
    expect(steps[4].persons_to_notify).toHaveLength(3);
    expect(resourcesOf(s, "grafana_oncall_on_call_shift")[0].start).toBe("2026-11-26T18:00:00"); // hand-off defaults to the window start
    // The notify lane's route and the route of the example's customer with its own Slack channel
    // (acme-shop), and that customer's route on the notify integration (position 0 there).
    expect(resourcesOf(s, "grafana_oncall_route").map((r) => r.position).sort()).toEqual([0, 0, 1]);
  });

  test("an event without an oncall block is refused with the smallest valid block as the fix", () => {
    expect(() => synthOnCall({ ...exampleEvent().event, oncall: undefined as never })).toThrow(/no `oncall` block; nobody would be paged.*\n.*oncall:\n  schedule:/s);
  });

  test("templates with ${ or %{ are escaped for Terraform", () => {
    const event = eventWith({
      schedule: { rotations: [{ users: ["a1", "b1", "c1"], every: "12h" }] },
      escalations: { x: ["page a1"] },
      routes: [{ name: "dollar", subject: "cost \\$\\{x\\}|100%{", escalation: "x" }],
    });
    const [route] = resourcesOf(synthOnCall(event).stack, "grafana_oncall_route");
    expect(route.routing_regex).toContain("%%{");
    expect(route.routing_regex.replace(/\$\$\{|%%\{/g, "")).not.toMatch(/\$\{|%\{/);
  });
});

describe("the schema validator catches what the provider would reject", () => {
  const schema = loadGrafanaSchema();
  const base = () => JSON.parse(example.json);
  const firstOf = (s: any, type: string) => Object.values(s.resource[type])[0] as any;

  test.each([
    ["unknown attribute", (s: any) => (firstOf(s, "grafana_oncall_escalation_chain").colour = "red"), /colour: unknown attribute/],
    ["missing required attribute", (s: any) => delete firstOf(s, "grafana_oncall_schedule").name, /name: required attribute missing/],
    ["computed attribute set", (s: any) => (firstOf(s, "grafana_oncall_integration").link = "x"), /link: is computed/],
    ["too many blocks", (s: any) => (firstOf(s, "grafana_oncall_integration").templates = [{}, {}]), /templates: at most 1 block/],
    ["missing default_route", (s: any) => delete firstOf(s, "grafana_oncall_integration").default_route, /default_route: at least 1 block/],
    ["duration on a non-wait step", (s: any) => (firstOf(s, "grafana_oncall_escalation").duration = 300), /duration: only allowed with type wait/],
    ["wait too long", (s: any) => Object.assign(firstOf(s, "grafana_oncall_escalation"), { type: "wait", duration: 90000, important: undefined, notify_on_call_from_schedule: undefined }), /within 60\.\.86400/],
    ["frequency without interval", (s: any) => delete firstOf(s, "grafana_oncall_on_call_shift").interval, /frequency and interval go together/],
    ["empty rolling_users group", (s: any) => (firstOf(s, "grafana_oncall_on_call_shift").rolling_users = [[]]), /rolling_users\[0\]: a group must not be empty/],
    ["bad shift start format", (s: any) => (firstOf(s, "grafana_oncall_on_call_shift").start = "2026-11-26 06:00"), /start: must be yyyy-MM-ddTHH:mm:ss/],
    ["wrong attribute type", (s: any) => (firstOf(s, "grafana_oncall_on_call_shift").duration = "12h"), /duration: expected number/],
    ["duplicate positions", (s: any) => Object.values(s.resource.grafana_oncall_escalation).forEach((x: any) => (x.position = 0)), /positions must be 0\.\./],
    ["unknown resource type", (s: any) => (s.resource.grafana_oncall_pager = { x: {} }), /not a resource of the grafana provider schema/],
    ["credentials in the provider", (s: any) => (s.provider.grafana = [{ auth: "glsa_x" }]), /credentials and URLs come from GRAFANA_\* environment variables/],
    ["no version constraint", (s: any) => delete s.terraform.required_providers.grafana.version, /needs a version constraint/],
  ])("%s", (_name, mutate, message) => {
    const s = base();
    mutate(s);
    expect(validateGrafanaStack(s, schema).join("\n")).toMatch(message);
  });

  test("a missing schema file is an error, not a skip", () => {
    expect(() => loadGrafanaSchema("/nonexistent/grafana-schema.json")).toThrow(/Grafana provider schema not found.*GRAFANA_SCHEMA_PATH/);
  });
});
