import { Duration, EscalationChain, EscalationStep, OnCallDirectory, Step } from "../../../lib";
import { address, numberVariable, ref, synth, testStack } from "../support";

const SCHEDULE_ID = "SCHEDULE123";

function build(steps: readonly EscalationStep[], team?: string) {
  const stack = testStack();
  const directory = new OnCallDirectory(stack, "directory", { usernames: ["alice", "bob"], team });
  const chain = new EscalationChain(stack, "escalation", { name: "checkout", steps, directory, scheduleId: SCHEDULE_ID });
  return { stack, directory, chain, s: synth(stack) };
}

describe("EscalationChain", () => {
  describe("a chain of every kind of step", () => {
    const { directory, chain, s } = build(
      [
        Step.pageOnCall({ important: true }),
        Step.wait(Duration.minutes(5)),
        Step.pageNextOnCall(),
        Step.pagePersons(["alice", "bob"], { important: true }),
        Step.pageTeam(),
        Step.notifySlackChannel(),
        Step.repeat(),
        Step.resolve(),
      ],
      "Platform",
    );
    const steps = () => chain.steps.map((x) => s.of(x));
    const chainId = ref(chain.chain, "id");

    it("is a chain of the name given, in the team", () => {
      expect(s.of(chain.chain)).toEqual({ name: "checkout", team_id: ref(directory.team!, "id") });
    });

    it("numbers the steps from 0 in the order given", () => {
      expect(steps().map((x) => [x.position, x.type, x.escalation_chain_id])).toEqual([
        [0, "notify_on_call_from_schedule", chainId],
        [1, "wait", chainId],
        [2, "notify_next_on_call_from_schedule", chainId],
        [3, "notify_persons", chainId],
        [4, "notify_team_members", chainId],
        [5, "notify_whole_channel", chainId],
        [6, "repeat_escalation", chainId],
        [7, "resolve", chainId],
      ]);
    });

    it("creates the steps one after the other", () => {
      expect(steps()[0].depends_on).toBeUndefined();
      for (let i = 1; i < chain.steps.length; i++) expect(steps()[i].depends_on).toEqual([address(chain.steps[i - 1])]);
    });

    it("sets each value field only for its step type", () => {
      const fields = ["duration", "notify_on_call_from_schedule", "persons_to_notify", "notify_to_team_members"];
      const set = steps().map((x) => fields.filter((f) => x[f] !== undefined));
      expect(set).toEqual([["notify_on_call_from_schedule"], ["duration"], ["notify_on_call_from_schedule"], ["persons_to_notify"], ["notify_to_team_members"], [], [], []]);
    });

    it("fills the value fields: wait seconds, the schedule, the people's ids, the team", () => {
      const [onCall, wait, next, persons, team] = steps();
      expect(wait.duration).toBe(300);
      expect([onCall.notify_on_call_from_schedule, next.notify_on_call_from_schedule]).toEqual([SCHEDULE_ID, SCHEDULE_ID]);
      expect(persons.persons_to_notify).toEqual([ref(directory.users.get("alice")!, "id"), ref(directory.users.get("bob")!, "id")]);
      expect(team.notify_to_team_members).toBe(ref(directory.team!, "id"));
    });

    it("makes loud only the steps asked to be", () => {
      expect(steps().map((x) => x.important)).toEqual([true, undefined, false, true, false, false, undefined, undefined]);
    });
  });

  it("may have no steps (the notify lane: it pages nobody)", () => {
    const { chain, s } = build([]);
    expect(chain.steps).toHaveLength(0);
    expect(s.resources("grafana_oncall_escalation")).toHaveLength(0);
    expect(s.of(chain.chain)).toEqual({ name: "checkout" });
  });

  it("writes a wait token as is", () => {
    const stack = testStack();
    const wait = numberVariable(stack, "wait_seconds");
    const directory = new OnCallDirectory(stack, "directory", { usernames: [] });
    const chain = new EscalationChain(stack, "escalation", { name: "c", steps: [Step.wait(Duration.seconds(wait.value))], directory, scheduleId: SCHEDULE_ID });
    expect(synth(stack).of(chain.steps[0]).duration).toBe(wait.json);
  });

  it("refuses a team step without a team", () => {
    expect(() => build([Step.pageTeam()])).toThrow(/EscalationChain: a notify_team_members step needs a team/);
  });

  it("refuses a person the directory does not know", () => {
    expect(() => build([Step.pagePersons(["mallory"])])).toThrow(/OnCallDirectory: username mallory was not declared/);
  });
});
