import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import {
  Duration,
  EmergencyOnCall,
  EmergencyOnCallProps,
  EscalationChain,
  MailIntegration,
  NOTIFY_CHAIN,
  OnCallDirectory,
  OnCallSchedule,
  PipelineHealthIntegration,
  ShiftPlan,
  Step,
} from "../../../lib";
import { numberVariable, ref, resolve, synth, testStack, WINDOW } from "../support";

const PROPS: EmergencyOnCallProps = {
  title: "Checkout launch",
  window: WINDOW,
  rotations: [{ users: ["alice", "bob"], every: Duration.hours(12) }],
  escalation: [Step.pageOnCall({ important: true }), Step.wait(Duration.minutes(5)), Step.repeat()],
};

interface Where {
  readonly stack?: TerraformStack;
  readonly scope?: Construct;
  readonly id?: string;
  /** Hand the construct a health topic before synth. */
  readonly healthTopic?: boolean;
}

function build(props: Partial<EmergencyOnCallProps> = {}, where: Where = {}) {
  const stack = where.stack ?? testStack();
  const onCall = new EmergencyOnCall(where.scope ?? stack, where.id ?? "checkout", { ...PROPS, ...props });
  if (where.healthTopic) onCall.consumeHealthTopic(new SnsTopic(stack, "health-topic", {}));
  const s = synth(stack);
  const user = (u: string) => ref(onCall.directory.users.get(u)!, "id");
  const chainId = (key: string) => ref(onCall.escalationChains.get(key)!.chain, "id");
  return { onCall, s, user, chainId, shifts: () => onCall.schedule.shifts.map((x) => s.of(x)) };
}

const make = (props: Partial<EmergencyOnCallProps>) => () => new EmergencyOnCall(testStack(), "checkout", { ...PROPS, ...props });

describe("EmergencyOnCall", () => {
  describe("defaults", () => {
    const { onCall, s, user, chainId, shifts } = build();

    it("is made of directory, schedule, escalation chains and the mail integration; health comes later", () => {
      expect(onCall.directory).toBeInstanceOf(OnCallDirectory);
      expect(onCall.schedule).toBeInstanceOf(OnCallSchedule);
      expect(onCall.mail).toBeInstanceOf(MailIntegration);
      expect([...onCall.escalationChains.keys()]).toEqual(["default", NOTIFY_CHAIN]);
      for (const c of onCall.escalationChains.values()) expect(c).toBeInstanceOf(EscalationChain);
      expect(onCall.health).toBeUndefined();
      // The paging integration and the notify lane's own (its own rate budget).
      expect(s.resources("grafana_oncall_integration")).toHaveLength(2);
      expect(onCall.notifyMail).toBeInstanceOf(MailIntegration);
    });

    it("derives every OnCall name from its id and the title", () => {
      expect(s.of(onCall.schedule.schedule).name).toBe("checkout on-call");
      expect(shifts().map((x) => x.name)).toEqual(["checkout on-call rotation-1"]);
      expect(s.of(onCall.escalationChains.get("default")!.chain).name).toBe("checkout");
      expect(s.of(onCall.escalationChains.get(NOTIFY_CHAIN)!.chain).name).toBe("checkout notify (no paging)");
      expect(s.of(onCall.mail.integration).name).toBe("checkout: Checkout launch (e-mail)");
    });

    it("looks the rotation's users up by name", () => {
      expect(s.data("grafana_oncall_user")).toEqual([{ username: "alice" }, { username: "bob" }]);
      expect(s.data("grafana_oncall_team")).toHaveLength(0);
    });

    it("starts the first listed user's shift at the window start and ends it with the window", () => {
      // The plan of the rotation; OnCallSchedule's test covers how a plan becomes the shift.
      expect(shifts()).toHaveLength(1);
      expect(shifts()[0]).toMatchObject({ start: "2026-11-27T00:00:00", until: "2026-11-28T00:00:00", time_zone: "America/New_York", duration: 43200, frequency: "hourly", interval: 12, level: 1 });
      expect(shifts()[0].rolling_users).toEqual([[user("alice")], [user("bob")]]);
      expect(s.of(onCall.schedule.schedule)).toMatchObject({ type: "calendar", time_zone: "America/New_York" });
    });

    it("escalates with the steps given, reading the schedule", () => {
      const steps = onCall.escalationChains.get("default")!.steps.map((x) => s.of(x));
      expect(steps.map((x) => [x.type, x.important, x.duration])).toEqual([
        ["notify_on_call_from_schedule", true, undefined],
        ["wait", undefined, 300],
        ["repeat_escalation", undefined, undefined],
      ]);
      expect(steps[0].notify_on_call_from_schedule).toBe(ref(onCall.schedule.schedule, "id"));
    });

    it("has a notify chain without steps: it pages nobody", () => {
      expect(onCall.escalationChains.get(NOTIFY_CHAIN)!.steps).toHaveLength(0);
      expect(s.resources("grafana_oncall_escalation")).toHaveLength(3);
    });

    it("routes the notify lane first, to the notify chain, and the rest to the default chain", () => {
      expect(onCall.mail.routes).toHaveLength(1);
      expect(s.of(onCall.mail.notifyRoute!)).toMatchObject({ position: 0, routing_type: "jinja2", escalation_chain_id: chainId(NOTIFY_CHAIN) });
      expect(s.of(onCall.mail.integration)).toMatchObject({ type: "webhook", default_route: { escalation_chain_id: chainId("default") } });
    });

    it("exposes the integration link wrapped in sensitive(), never as an output", () => {
      expect(resolve(onCall, onCall.integrationLink)).toBe(`\${sensitive(${ref(onCall.mail.integration, "link").slice(2, -1)})}`);
      expect(s.tf.output).toBeUndefined();
    });
  });

  it("derives its slug from the ids below the stack", () => {
    const stack = testStack();
    const { s, onCall } = build({}, { stack, scope: new Construct(stack, "shop"), id: "oncall" });
    expect(s.of(onCall.schedule.schedule).name).toBe("shop-oncall on-call");
  });

  it("takes the slug and the names given", () => {
    const names = {
      schedule: "Sale schedule",
      shifts: ["Sale primary"],
      chains: { default: "Sale default", vip: "Sale VIP" },
      notifyChain: "Sale notify",
      mailIntegration: "Sale mail",
      healthIntegration: "Sale health",
    };
    const { onCall, s } = build({ slug: "sale", escalations: { vip: [Step.pagePersons(["carol"])] }, names }, { healthTopic: true });
    expect(s.of(onCall.schedule.schedule).name).toBe("Sale schedule");
    expect(s.of(onCall.schedule.shifts[0]).name).toBe("Sale primary");
    expect(["default", "vip", NOTIFY_CHAIN].map((k) => s.of(onCall.escalationChains.get(k)!.chain).name)).toEqual(["Sale default", "Sale VIP", "Sale notify"]);
    expect(s.of(onCall.mail.integration).name).toBe("Sale mail");
    expect(s.of(onCall.health!.integration).name).toBe("Sale health");
  });

  it("names further chains `<slug> <key>`", () => {
    const { onCall, s } = build({ escalations: { vip: [Step.pageOnCall()] } });
    expect(s.of(onCall.escalationChains.get("vip")!.chain).name).toBe("checkout vip");
  });

  describe("shift planning", () => {
    it("starts at the last hand-off at or before the window start", () => {
      const { shifts } = build({ rotations: [{ users: ["alice", "bob"], every: Duration.hours(12), handoff: "06:00" }] });
      expect(shifts()[0]).toMatchObject({ start: "2026-11-26T18:00:00", until: "2026-11-28T00:00:00" });
    });

    it.each([
      ["a day", Duration.days(1), "daily", 1],
      ["two weeks", Duration.days(14), "weekly", 2],
      ["six hours", Duration.hours(6), "hourly", 6],
    ])("rotates every %s as OnCall's %s recurrence", (_what, every, frequency, interval) => {
      const { shifts } = build({ rotations: [{ users: ["alice"], every }] });
      expect(shifts()[0]).toMatchObject({ frequency, interval, duration: every.toSeconds() });
    });

    it("keeps a turn shorter than the rotation (follow the sun)", () => {
      const { shifts } = build({ rotations: [{ users: ["alice"], every: Duration.days(1), shift: Duration.hours(8) }] });
      expect(shifts()[0]).toMatchObject({ frequency: "daily", interval: 1, duration: 28800 });
    });

    it("makes one layer per rotation, later ones higher, groups on call together", () => {
      const { shifts, user } = build({
        rotations: [
          { users: ["alice", "bob"], every: Duration.hours(12) },
          { name: "backup", users: [["carol", "dave"], "erin"], every: Duration.days(1) },
        ],
      });
      expect(shifts().map((x) => [x.name, x.level])).toEqual([
        ["checkout on-call rotation-1", 1],
        ["checkout on-call backup", 2],
      ]);
      expect(shifts()[1].rolling_users).toEqual([[user("carol"), user("dave")], [user("erin")]]);
    });

    it("uses shifts planned already instead of the rotations", () => {
      const plan: ShiftPlan = {
        name: "given",
        timeZone: "Europe/Berlin",
        start: "2026-11-27T08:00:00",
        until: "2026-11-28T08:00:00",
        durationSeconds: 3600,
        frequency: "hourly",
        interval: 1,
        groups: [["zoe"]],
        level: 1,
        turns: [],
      };
      const { shifts, user, s } = build({ rotations: [], shifts: [plan] });
      expect(shifts()).toEqual([expect.objectContaining({ name: "checkout on-call given", start: "2026-11-27T08:00:00", time_zone: "Europe/Berlin", rolling_users: [[user("zoe")]] })]);
      expect(s.data("grafana_oncall_user")).toEqual([{ username: "zoe" }]);
    });
  });

  it("looks up everyone it pages: rotations and named persons, once each", () => {
    const { s } = build({ escalation: [Step.pagePersons(["bob", "carol"])], escalations: { vip: [Step.pagePersons(["dave"])] } });
    expect(s.data("grafana_oncall_user").map((u) => u.username)).toEqual(["alice", "bob", "carol", "dave"]);
  });

  it("puts everything in the team given", () => {
    const { onCall, s } = build({ team: "Platform", escalation: [Step.pageTeam()] }, { healthTopic: true });
    const team = ref(onCall.directory.team!, "id");
    expect(s.data("grafana_oncall_team")).toEqual([{ name: "Platform" }]);
    expect(s.of(onCall.schedule.schedule).team_id).toBe(team);
    expect(s.of(onCall.schedule.shifts[0]).team_id).toBe(team);
    for (const c of onCall.escalationChains.values()) expect(s.of(c.chain).team_id).toBe(team);
    expect(s.of(onCall.mail.integration).team_id).toBe(team);
    expect(s.of(onCall.health!.integration).team_id).toBe(team);
  });

  it("routes matching mail to the chain of its key, after the notify route, with its Slack channel", () => {
    const { onCall, s, chainId } = build({
      escalations: { vip: [Step.pageOnCall({ important: true })] },
      routes: [{ subject: "outage", escalation: "vip", slackChannel: "#vip" }],
      slackChannel: "incidents",
    });
    const [notify, vip] = onCall.mail.routes.map((r) => s.of(r));
    const channel = (name: string) => ref(onCall.directory.slackChannels.get(name)!, "slack_id");
    expect(notify).toMatchObject({ position: 0, escalation_chain_id: chainId(NOTIFY_CHAIN), slack: { channel_id: channel("incidents") } });
    expect(vip).toMatchObject({ position: 1, escalation_chain_id: chainId("vip"), slack: { channel_id: channel("vip"), enabled: true } });
    expect(vip.routing_regex).toContain('regex_search("(?i)outage")');
    expect(s.of(onCall.mail.integration).default_route.slack).toEqual({ channel_id: channel("incidents"), enabled: true });
  });

  describe("consumeHealthTopic", () => {
    it("subscribes a pipeline-health integration, paging the default chain", () => {
      const { onCall, s } = build({}, { healthTopic: true });
      const topic = onCall.node.scope!.node.findChild("health-topic") as SnsTopic;
      expect(onCall.health).toBeInstanceOf(PipelineHealthIntegration);
      expect(s.of(onCall.health!.integration)).toEqual({
        name: "checkout: Checkout launch - mail pipeline health",
        type: "amazon_sns",
        default_route: { escalation_chain_id: ref(onCall.escalationChains.get("default")!.chain, "id") },
      });
      expect(s.of(onCall.health!.subscription)).toMatchObject({ topic_arn: ref(topic, "arn"), protocol: "https" });
      expect(s.of(onCall.health!.subscription).endpoint).toMatch(/^\$\{sensitive\(grafana_oncall_integration\.[^)]+\.link\)\}$/);
    });

    it("refuses a second topic", () => {
      const stack = testStack();
      const onCall = new EmergencyOnCall(stack, "checkout", PROPS);
      onCall.consumeHealthTopic(new SnsTopic(stack, "a", {}));
      expect(() => onCall.consumeHealthTopic(new SnsTopic(stack, "b", {}))).toThrow(/EmergencyOnCall: a health topic is already subscribed/);
    });
  });

  it("writes a wait known only at plan time as is", () => {
    const stack = testStack();
    const wait = numberVariable(stack, "wait_seconds");
    const onCall = new EmergencyOnCall(stack, "checkout", { ...PROPS, escalation: [Step.pageOnCall(), Step.wait(Duration.seconds(wait.value))] });
    expect(synth(stack).of(onCall.escalationChains.get("default")!.steps[1]).duration).toBe(wait.json);
  });

  describe("validation", () => {
    it("needs a rotation (or planned shifts)", () => {
      expect(make({ rotations: [] })).toThrow(/EmergencyOnCall: rotations needs at least one rotation/);
      expect(make({ rotations: [], shifts: [] })).toThrow(/EmergencyOnCall: rotations needs at least one rotation/);
    });

    it("needs an escalation step", () => {
      expect(make({ escalation: [] })).toThrow(/EmergencyOnCall: escalation needs at least one step/);
    });

    it("needs a route's escalation to be a key of escalations", () => {
      expect(make({ routes: [{ subject: "x", escalation: "vip" }] })).toThrow(/EmergencyOnCall: routes: escalation "vip" is not a key of escalations/);
      expect(make({ escalations: { vip: [Step.pageOnCall()] }, routes: [{ subject: "x", escalation: "default" }] })).toThrow(/routes: escalation "default" is not a key of escalations/);
    });

    it("needs a route to have a subject or sender pattern (or customers or tiers)", () => {
      expect(make({ escalations: { vip: [Step.pageOnCall()] }, routes: [{ escalation: "vip" }] })).toThrow(/EmergencyOnCall: routes: a route needs a subject, sender, customers or tiers to match/);
    });

    it("needs a team for a team step", () => {
      expect(make({ escalation: [Step.pageTeam()] })).toThrow(/needs a team/);
    });

    // BUG: the chain of key "notify" gets the construct id "escalation-notify", which the notify
    // lane's own chain uses too: "There is already a Construct with name 'escalation-notify'".
    it("accepts an escalations key named notify", () => {
      expect(make({ escalations: { notify: [Step.pageOnCall()] } })).not.toThrow();
    });

    // BUG: a key "default" collides with the default escalation's construct instead of being
    // refused by name.
    it("refuses an escalations key named default, naming escalations", () => {
      expect(make({ escalations: { default: [Step.pageOnCall()] } })).toThrow(/EmergencyOnCall: escalations/);
    });

    // BUG: EmergencyInbox rejects this window; EmergencyOnCall plans a schedule whose `until` is
    // before its start, without a word.
    it("refuses a window that ends before it starts", () => {
      expect(make({ window: { ...WINDOW, start: WINDOW.end, end: WINDOW.start } })).toThrow(/window\.start must be before window\.end/);
    });

    // BUG: OnCall recurs hourly, daily or weekly by a whole interval; a 90-minute rotation is
    // written as `interval: 1.5`, which the provider's integer field refuses at plan time.
    it("refuses a rotation every that is not whole hours", () => {
      expect(make({ rotations: [{ users: ["alice"], every: Duration.minutes(90) }] })).toThrow(/every/);
    });

    // BUG: with every of 0 the planner's search for the first hand-off never ends (synth hangs).
    // The test bounds the loop (Date#getTime calls) so that it fails instead of hanging.
    it("refuses a rotation every of zero", () => {
      const getTime = Date.prototype.getTime;
      let calls = 0;
      const spy = jest.spyOn(Date.prototype, "getTime").mockImplementation(function (this: Date) {
        if (++calls > 20_000) throw new Error("shift planning did not end");
        return getTime.call(this);
      });
      try {
        expect(make({ rotations: [{ users: ["alice"], every: Duration.seconds(0) }] })).toThrow(/every/);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe("EmergencyOnCall: consumeStatusEndpoint", () => {
  it("creates the acknowledge, resolve and unresolve webhooks for the mail integration only, once", () => {
    const stack = testStack();
    const onCall = new EmergencyOnCall(stack, "checkout", PROPS);
    onCall.consumeStatusEndpoint({ url: "https://api.example/oncall", authorizationHeader: "${sensitive(var.s)}" });
    const s = synth(stack);
    const hooks = onCall.statusWebhooks!.webhooks.map((w) => s.of(w));
    expect(hooks.map((h) => [h.name, h.trigger_type, h.integration_filter])).toEqual(
      ["acknowledge", "resolve", "unresolve"].map((t) => [`checkout: status mail to the customer (${t})`, t, [ref(onCall.mail.integration, "id")]]),
    );
    expect(() => onCall.consumeStatusEndpoint({ url: "x", authorizationHeader: "y" })).toThrow(/already wired/);
  });
});

describe("EmergencyOnCall per-customer routing (issue 13)", () => {
  const vip = [Step.pageOnCall({ important: true }), Step.pagePersons(["dave"], { important: true })];
  const customers = [{ slug: "acme-shop", tier: "platinum", slackChannel: "acme-incidents" }, { slug: "globex", tier: "gold" }, { slug: "initech" }];

  it("adds a route per customer with a Slack channel (its tier's chain) and one per tier, after the configured routes", () => {
    const { onCall, s } = build({
      escalations: { vip },
      customers,
      tierEscalations: { platinum: "vip", gold: "default" },
      routes: [{ sender: "^cto@", escalation: "vip" }],
    });
    const routes = onCall.mail.routes.map((r) => s.of(r));
    expect(routes.map((r) => [r.position, r.routing_regex])).toEqual([
      [0, '{{ (payload.lane or "page") == "notify" }}'],
      [1, '{{ (payload.lane or "page") != "notify" and (((payload["from"] or {}).address or "") | regex_search("(?i)^cto@")) }}'],
      [2, '{{ (payload.lane or "page") != "notify" and (((payload.customer or {}).slug or "") in ["acme-shop"]) }}'],
      [3, '{{ (payload.lane or "page") != "notify" and (((payload.customer or {}).tier or "") in ["platinum"]) }}'],
      [4, '{{ (payload.lane or "page") != "notify" and (((payload.customer or {}).tier or "") in ["gold"]) }}'],
    ]);
    const chain = (key: string) => ref(onCall.escalationChains.get(key)!.chain, "id");
    expect(routes.slice(1).map((r) => r.escalation_chain_id)).toEqual([chain("vip"), chain("vip"), chain("vip"), chain("default")]);
    expect(routes[2].slack).toEqual({ channel_id: expect.stringContaining("acme-incidents"), enabled: true });
    expect(s.data("grafana_oncall_slack_channel").map((d: { name: string }) => d.name)).toEqual(["acme-incidents"]);
  });

  it("matches routes on customers and tiers, and keeps 500 customers without channels to one route per tier", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ slug: `c${i}`, tier: i % 2 ? "gold" : "standard" }));
    const { onCall } = build({ escalations: { vip }, customers: many, tierEscalations: { gold: "vip" }, routes: [{ customers: ["c7"], tiers: ["gold"], escalation: "vip" }] });
    expect(onCall.mail.routes).toHaveLength(3);
  });

  it.each<[string, Partial<EmergencyOnCallProps>, RegExp]>([
    ["a route for a customer it does not serve", { escalations: { vip }, customers, routes: [{ customers: ["umbrella"], escalation: "vip" }] }, /EmergencyOnCall: routes: customer "umbrella" is not one of customers \(acme-shop, globex, initech\)/],
    ["a tier mapped to an unknown chain", { customers, tierEscalations: { platinum: "vip" } }, /EmergencyOnCall: tierEscalations\.platinum: escalation "vip" is not a key of escalations/],
    ["a route matching nothing", { escalations: { vip }, routes: [{ escalation: "vip" }] }, /a route needs a subject, sender, customers or tiers to match/],
  ])("refuses %s", (_what, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describe("EmergencyOnCall: a customer's Slack channel in the notify lane", () => {
  it("routes the customer's notify alerts to its channel with the notify chain (paging nobody)", () => {
    const { onCall, s } = build({ customers: [{ slug: "acme-shop", slackChannel: "acme-incidents" }, { slug: "globex" }] });
    const routes = onCall.notifyMail.routes.map((r) => s.of(r));
    expect(routes.map((r) => r.routing_regex)).toEqual(['{{ (payload.lane or "page") == "notify" and (((payload.customer or {}).slug or "") in ["acme-shop"]) }}']);
    expect(routes[0].escalation_chain_id).toBe(ref(onCall.escalationChains.get(NOTIFY_CHAIN)!.chain, "id"));
    expect(routes[0].slack).toEqual({ channel_id: expect.stringContaining("acme-incidents"), enabled: true });
  });
});
