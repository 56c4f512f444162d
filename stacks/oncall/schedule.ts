import { Construct } from "constructs";
import type { ShiftPlan } from "../../config/shift-plan";
import { OncallOnCallShift } from "../../.gen/providers/grafana/oncall-on-call-shift";
import { OncallSchedule } from "../../.gen/providers/grafana/oncall-schedule";
import { idPart, OnCallDirectory } from "./directory";

export interface OnCallScheduleProps {
  /** Schedule name in OnCall; must be unique in the organisation, so it carries the event slug. */
  readonly name: string;
  /** IANA zone the schedule is shown in (the event's zone). */
  readonly timeZone: string;
  /** One rolling_users shift per rotation, planned against the event window. */
  readonly shifts: readonly ShiftPlan[];
  /**
   * OnCall name of each shift, by index (unique in the organisation, like the schedule's).
   * @default `<name> <rotation name>`
   */
  readonly shiftNames?: readonly string[];
  readonly directory: OnCallDirectory;
}

/** A `calendar` schedule with one `rolling_users` shift per rotation layer, ending with the window. */
export class OnCallSchedule extends Construct {
  public readonly schedule: OncallSchedule;
  public readonly shifts: readonly OncallOnCallShift[];

  constructor(scope: Construct, id: string, props: OnCallScheduleProps) {
    super(scope, id);
    const teamId = props.directory.teamId;
    this.shifts = props.shifts.map(
      (s, i) =>
        new OncallOnCallShift(this, `shift-${idPart(s.name)}`, {
          name: props.shiftNames?.[i] ?? `${props.name} ${s.name}`,
          type: "rolling_users",
          start: s.start,
          until: s.until,
          duration: s.durationSeconds,
          frequency: s.frequency,
          interval: s.interval,
          timeZone: s.timeZone,
          level: s.level,
          rollingUsers: s.groups.map((g) => g.map((u) => props.directory.userId(u))),
          startRotationFromUserIndex: 0,
          teamId,
        }),
    );
    this.schedule = new OncallSchedule(this, "schedule", {
      name: props.name,
      type: "calendar",
      timeZone: props.timeZone,
      shifts: this.shifts.map((s) => s.id),
      teamId,
    });
  }
}
