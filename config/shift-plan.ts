import { Duration } from "../lib/core/duration";
import type { Rotation, ShiftPlan } from "../lib/oncall/rotation";
import { planShift } from "../lib/oncall/shift-planning";
import { parseDuration } from "./durations";
import type { OnCallConfig, RotationConfig } from "./oncall-schema";

export type { ShiftPlan } from "../lib/oncall/rotation";
export { planShift } from "../lib/oncall/shift-planning";

/*
 * Shift planning of the YAML: each rotation of a validated oncall block, with its durations
 * parsed, becomes the library's typed Rotation, which the library plans into a Grafana OnCall
 * rolling_users shift within the event window (lib/oncall/shift-planning.ts; the coverage check in
 * schedule-coverage.ts sweeps its turns).
 */

/** The parts of an event the shifts are planned against (an EventSpec has them). */
export interface EventWindowFields {
  /** Local date-times in the event's time zone, as written in the file. */
  readonly window: { readonly start: string; readonly timeZone: string };
  readonly windowUtc: { readonly start: Date; readonly end: Date };
}

/** The event window as planShift reads it: UTC instants, the zone, and the local start. */
export interface ShiftWindow {
  readonly start: Date;
  readonly end: Date;
  readonly timeZone: string;
  readonly startLocal: string;
}

/** A rotation of the YAML as the library's typed Rotation (durations parsed; the config validated). */
export function rotationOf(r: RotationConfig): Rotation {
  return { ...r, every: Duration.seconds(parseDuration(r.every)!), shift: r.shift === undefined ? undefined : Duration.seconds(parseDuration(r.shift)!) };
}

/** The window of an event, as planShift takes it. */
export function windowOf(event: EventWindowFields): ShiftWindow {
  return { start: event.windowUtc.start, end: event.windowUtc.end, timeZone: event.window.timeZone, startLocal: event.window.start };
}

/** Shift plans of every rotation of a validated event. */
export function planShifts(event: EventWindowFields & { oncall?: OnCallConfig }): ShiftPlan[] {
  if (!event.oncall) return [];
  const w = windowOf(event);
  return event.oncall.schedule.rotations.map((r, i) => planShift(rotationOf(r), i, w));
}
