import { parseDuration } from "../../config/durations";
import { checkChain, compileEscalation, EscalationContext, parseChain, parseStep } from "../../config/escalation-words";
import { checkPythonPattern } from "../../config/python-regex";

const ctx: EscalationContext = { hasTeam: true, hasSlackChannel: true, rotationUsers: ["alice", "bob", "carol"] };
const compile = (lines: string[], c = ctx) => compileEscalation(parseChain(lines), c);

describe("escalation DSL: parsing one step", () => {
  test.each([
    ["page the on-call", { kind: "page-on-call", next: false, important: false }],
    ["Page the on-call from the schedule, important", { kind: "page-on-call", next: false, important: true }],
    ["page oncall (important)", { kind: "page-on-call", next: false, important: true }],
    ["page the next on-call", { kind: "page-on-call", next: true, important: false }],
    ["page everyone on the rotation", { kind: "page-rotation", important: false }],
    ["page the team important", { kind: "page-team", important: true }],
    ["page alice and bob", { kind: "page-persons", usernames: ["alice", "bob"], important: false }],
    ["page alice, bob and carol@example.com, important", { kind: "page-persons", usernames: ["alice", "bob", "carol@example.com"], important: true }],
    ["notify the slack channel", { kind: "notify-channel" }],
    ["wait 5m", { kind: "wait", seconds: 300 }],
    ["wait for 2 hours", { kind: "wait", seconds: 7200 }],
    ["repeat", { kind: "repeat", times: 5 }],
    ["repeat up to 3 times", { kind: "repeat", times: 3 }],
    ["resolve", { kind: "resolve" }],
  ])("%s", (line, step) => {
    expect(parseStep(line)).toEqual({ ok: true, step });
  });

  test("durations accept short and long units", () => {
    expect([parseDuration("90s"), parseDuration("1 minute"), parseDuration("12h"), parseDuration("1d"), parseDuration("2w")]).toEqual([90, 60, 43200, 86400, 1209600]);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("5 fortnights")).toBeUndefined();
  });
});

describe("escalation DSL: compiling a chain", () => {
  test("positions run from 0 and each step carries only its own fields", () => {
    expect(compile(["page the on-call, important", "wait 5m", "page alice and bob", "page the team", "repeat"])).toEqual([
      { position: 0, type: "notify_on_call_from_schedule", important: true },
      { position: 1, type: "wait", duration: 300 },
      { position: 2, type: "notify_persons", persons: ["alice", "bob"], important: false },
      { position: 3, type: "notify_team_members", important: false },
      { position: 4, type: "repeat_escalation" },
    ]);
  });

  test("repeat up to N (< 5) times unrolls the steps N more times, since OnCall's repeat always means 5", () => {
    const steps = compile(["page the on-call", "wait 10m", "repeat up to 2 times"]);
    expect(steps.map((s) => s.type)).toEqual(["notify_on_call_from_schedule", "wait", "notify_on_call_from_schedule", "wait", "notify_on_call_from_schedule", "wait"]);
    expect(steps.map((s) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(compile(["page the on-call", "repeat up to 5 times"]).map((s) => s.type)).toEqual(["notify_on_call_from_schedule", "repeat_escalation"]);
  });

  test("page everyone on the rotation pages each rotation member once", () => {
    expect(compile(["page everyone on the rotation"], { ...ctx, rotationUsers: ["alice", "bob", "alice"] })).toEqual([
      { position: 0, type: "notify_persons", persons: ["alice", "bob"], important: false },
    ]);
  });

  test("next on-call, slack channel and resolve map to their OnCall types", () => {
    expect(compile(["page the next on-call", "notify the slack channel", "resolve"]).map((s) => s.type)).toEqual([
      "notify_next_on_call_from_schedule",
      "notify_whole_channel",
      "resolve",
    ]);
  });

  test("order rules report the offending step index", () => {
    expect(checkChain(parseChain(["page the on-call", "repeat", "wait 5m", "wait 5m"]), ctx).map((p) => [p.index, p.message.slice(0, 30)])).toEqual([
      [1, '"repeat" ends the chain; it mu'],
      [3, "two waits in a row; write one "],
      [3, "a wait as the last step does n"],
    ]);
    expect(checkChain(parseChain(["page the on-call"]), ctx)).toEqual([]);
  });
});

describe("route patterns", () => {
  test("Python regex syntax is accepted, broken patterns are not", () => {
    expect(checkPythonPattern("(?i)^cto@acme-shop\\.example$")).toBeUndefined();
    expect(checkPythonPattern("(?P<who>cto|ceo)@(?P=who)")).toBeUndefined();
    expect(checkPythonPattern("(outage")?.kind).toBe("python");
    expect(checkPythonPattern("[a-")?.kind).toBe("python");
  });
});
