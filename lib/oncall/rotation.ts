import type { Duration } from "../core/duration";

/**
 * A rotation layer of the schedule: groups of users taking turns of `shift` (default `every`)
 * handed off every `every` at `handoff` local time, the first listed group first.
 */
export interface Rotation {
  /** @default `rotation-<n>` */
  readonly name?: string;
  /** Grafana usernames; a nested list is a group on call together. */
  readonly users: readonly (string | readonly string[])[];
  readonly every: Duration;
  /**
   * Length of a turn when shorter than `every` (follow-the-sun layers).
   * @default every
   */
  readonly shift?: Duration;
  /**
   * Local hand-off time `HH:MM`.
   * @default the window start's local time
   */
  readonly handoff?: string;
  /** @default the schedule's time zone */
  readonly timeZone?: string;
}

/** How one rotation becomes an OnCall `rolling_users` shift within a window. */
export interface ShiftPlan {
  readonly name: string;
  readonly timeZone: string;
  /** First turn's start, local in timeZone, `YYYY-MM-DDTHH:MM:SS`. */
  readonly start: string;
  /** Window end, local in timeZone: OnCall stops the recurrence there. */
  readonly until: string;
  readonly durationSeconds: number;
  readonly frequency: "hourly" | "daily" | "weekly";
  readonly interval: number;
  /** Groups of usernames taking turns. */
  readonly groups: readonly (readonly string[])[];
  /** OnCall layer priority: later rotations win where layers overlap. */
  readonly level: number;
  /** UTC intervals of the turns that touch the window, for the coverage check. */
  readonly turns: readonly { readonly start: Date; readonly end: Date }[];
}
