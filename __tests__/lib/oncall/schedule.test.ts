import { OnCallDirectory, OnCallSchedule, OnCallScheduleProps, ShiftPlan } from "../../../lib";
import { ref, synth, testStack } from "../support";

const PLAN: ShiftPlan = {
  name: "primary",
  timeZone: "America/New_York",
  start: "2026-11-27T00:00:00",
  until: "2026-11-28T00:00:00",
  durationSeconds: 43200,
  frequency: "hourly",
  interval: 12,
  groups: [["alice"], ["bob", "carol"]],
  level: 1,
  turns: [],
};

function build(props: Partial<OnCallScheduleProps> = {}, team?: string) {
  const stack = testStack();
  const directory = new OnCallDirectory(stack, "directory", { usernames: ["alice", "bob", "carol"], team });
  const schedule = new OnCallSchedule(stack, "schedule", { name: "checkout on-call", timeZone: "America/New_York", shifts: [PLAN], directory, ...props });
  const user = (u: string) => ref(directory.users.get(u)!, "id");
  return { directory, schedule, s: synth(stack), user };
}

describe("OnCallSchedule", () => {
  describe("one rotation", () => {
    const { schedule, s, user } = build();

    it("is a calendar schedule in the event's zone made of its shifts", () => {
      expect(s.of(schedule.schedule)).toEqual({ name: "checkout on-call", type: "calendar", time_zone: "America/New_York", shifts: [ref(schedule.shifts[0], "id")] });
    });

    it("turns the plan into a rolling_users shift, the first group first", () => {
      expect(s.of(schedule.shifts[0])).toEqual({
        name: "checkout on-call primary",
        type: "rolling_users",
        start: "2026-11-27T00:00:00",
        until: "2026-11-28T00:00:00",
        duration: 43200,
        frequency: "hourly",
        interval: 12,
        time_zone: "America/New_York",
        level: 1,
        rolling_users: [[user("alice")], [user("bob"), user("carol")]],
        start_rotation_from_user_index: 0,
      });
    });
  });

  it("makes one shift per plan, named as given", () => {
    const second: ShiftPlan = { ...PLAN, name: "backup", level: 2, frequency: "daily", interval: 1 };
    const { schedule, s } = build({ shifts: [PLAN, second], shiftNames: ["Checkout primary", "Checkout backup"] });
    expect(schedule.shifts.map((x) => s.of(x)).map((x) => [x.name, x.level, x.frequency])).toEqual([
      ["Checkout primary", 1, "hourly"],
      ["Checkout backup", 2, "daily"],
    ]);
    expect(s.of(schedule.schedule).shifts).toEqual(schedule.shifts.map((x) => ref(x, "id")));
  });

  it("puts the schedule and its shifts in the directory's team", () => {
    const { directory, schedule, s } = build({}, "Platform");
    const team = ref(directory.team!, "id");
    expect(s.of(schedule.schedule).team_id).toBe(team);
    expect(s.of(schedule.shifts[0]).team_id).toBe(team);
  });

  it("refuses a shift with a user the directory does not know", () => {
    expect(() => build({ shifts: [{ ...PLAN, groups: [["mallory"]] }] })).toThrow(/OnCallDirectory: username mallory was not declared/);
  });
});
