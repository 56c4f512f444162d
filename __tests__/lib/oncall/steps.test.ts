import { Token } from "cdktf";
import { Duration, Step } from "../../../lib";
import { numberVariable, testStack } from "../support";

describe("Step", () => {
  describe("wait", () => {
    it.each([
      ["the shortest wait OnCall allows", Duration.seconds(60), 60],
      ["minutes", Duration.minutes(5), 300],
      ["the longest wait OnCall allows", Duration.days(1), 86400],
    ])("takes %s", (_what, d, seconds) => {
      expect(Step.wait(d)).toEqual({ type: "wait", duration: seconds });
    });

    it.each([
      ["shorter than 60s", Duration.seconds(59)],
      ["zero", Duration.seconds(0)],
      ["longer than 1d", Duration.seconds(86401)],
    ])("rejects a duration %s", (_what, d) => {
      expect(() => Step.wait(d)).toThrow(/Step\.wait: duration must be 60s to 1d/);
    });

    it("accepts a number token, unchecked", () => {
      const v = numberVariable(testStack(), "wait");
      const step = Step.wait(Duration.seconds(v.value));
      expect(Token.isUnresolved(step.duration)).toBe(true);
    });
  });

  it.each([
    ["pageOnCall", Step.pageOnCall, "notify_on_call_from_schedule"],
    ["pageNextOnCall", Step.pageNextOnCall, "notify_next_on_call_from_schedule"],
    ["pageTeam", Step.pageTeam, "notify_team_members"],
    ["notifySlackChannel", Step.notifySlackChannel, "notify_whole_channel"],
  ])("%s is %s, not important unless asked", (_name, make, type) => {
    expect(make()).toEqual({ type, important: false });
    expect(make({ important: true })).toEqual({ type, important: true });
  });

  it("pagePersons names the people and copies the list", () => {
    const people = ["alice", "bob"];
    const step = Step.pagePersons(people, { important: true });
    people.push("mallory");
    expect(step).toEqual({ type: "notify_persons", persons: ["alice", "bob"], important: true });
    expect(Step.pagePersons(["carol"]).important).toBe(false);
  });

  it("pagePersons needs at least one username", () => {
    expect(() => Step.pagePersons([])).toThrow(/Step\.pagePersons: needs at least one username/);
  });

  it.each([
    ["repeat", Step.repeat, "repeat_escalation"],
    ["resolve", Step.resolve, "resolve"],
  ])("%s is %s and nothing else", (_name, make, type) => {
    expect(make()).toEqual({ type });
  });
});
