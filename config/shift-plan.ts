import { parseDuration } from "./durations";
import { OnCallConfig, RotationConfig, rotationName } from "./oncall-schema";
import { addLocalDays, utcToLocal, zonedToUtc } from "./time";

/*
 * Shift planning: how each rotation of a validated oncall block becomes a Grafana OnCall
 * rolling_users shift within the event window, and which turns it gives (the coverage check in
 * schedule-coverage.ts sweeps those turns).
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

/** How one rotation becomes an OnCall rolling_users shift within a window. */
export interface ShiftPlan {
  readonly name: string;
  readonly timeZone: string;
  /**
   * First turn's start, local in timeZone, `YYYY-MM-DDTHH:MM:SS`: the first turn that overlaps the
   * window, so the rotation's first group is the one on call when the window opens (or, for a
   * layer off duty then, the one taking its first turn in the window).
   */
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

/**
 * Plans the shift of rotation `index`: the first group's turn starts at the last hand-off at or
 * before the window start (or at the next one when that turn is over before the window opens),
 * turns every `every` (hourly steps are absolute; daily/weekly steps keep the local hand-off time
 * across DST, as OnCall's calendar does), until the window end.
 */
export function planShift(r: RotationConfig, index: number, window: ShiftWindow): ShiftPlan {
  const tz = r.timeZone ?? window.timeZone;
  const every = parseDuration(r.every)!;
  const turn = r.shift === undefined ? every : parseDuration(r.shift)!;
  const dayBased = every % 86400 === 0;
  const handoff = r.handoff ?? window.startLocal.slice(11, 16);
  const startLocalInTz = utcToLocal(window.start, tz);
  const occurrence = (k: number, anchorDate: string): Date =>
    dayBased ? zonedToUtc(`${addLocalDays(anchorDate, k * (every / 86400))}T${handoff}`, tz) : new Date(zonedToUtc(`${anchorDate}T${handoff}`, tz).getTime() + k * every * 1000);

  // Anchor on the hand-off of the window's start day and find the last hand-off at or before the
  // start: step back while the anchor is after it, and forward while the next one is not (with a
  // 06:00 anchor and 12h turns, a window opening at 18:00 starts with the 18:00 turn, not 06:00's).
  const anchorDate = startLocalInTz.slice(0, 10);
  const at = (k: number) => occurrence(k, anchorDate).getTime();
  const windowStart = window.start.getTime();
  let k0 = 0;
  while (at(k0) > windowStart) k0--;
  while (at(k0 + 1) <= windowStart) k0++;
  // A layer whose turns are shorter than `every` (follow the sun) may be off duty when the window
  // opens; then its first listed group takes the layer's next turn, not one that ended before.
  if (at(k0) + turn * 1000 <= windowStart) k0++;
  const turns: { start: Date; end: Date }[] = [];
  for (let k = k0; turns.length < 10000; k++) {
    const s = occurrence(k, anchorDate);
    if (s.getTime() >= window.end.getTime()) break;
    turns.push({ start: s, end: new Date(s.getTime() + turn * 1000) });
  }
  const frequency = every % 604800 === 0 ? "weekly" : dayBased ? "daily" : "hourly";
  const interval = frequency === "weekly" ? every / 604800 : frequency === "daily" ? every / 86400 : every / 3600;
  return {
    name: rotationName(r, index),
    timeZone: tz,
    start: utcToLocal(new Date(at(k0)), tz),
    until: utcToLocal(window.end, tz),
    durationSeconds: turn,
    frequency,
    interval,
    groups: r.users.map((u) => (Array.isArray(u) ? [...u] : [u as string])),
    level: index + 1,
    turns,
  };
}

/** The window of an event, as planShift takes it. */
export function windowOf(event: EventWindowFields): ShiftWindow {
  return { start: event.windowUtc.start, end: event.windowUtc.end, timeZone: event.window.timeZone, startLocal: event.window.start };
}

/** Shift plans of every rotation of a validated event. */
export function planShifts(event: EventWindowFields & { oncall?: OnCallConfig }): ShiftPlan[] {
  if (!event.oncall) return [];
  const w = windowOf(event);
  return event.oncall.schedule.rotations.map((r, i) => planShift(r, i, w));
}
