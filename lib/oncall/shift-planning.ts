import { addLocalDays, utcToLocal, zonedToUtc } from "../core/time";
import type { Rotation, ShiftPlan } from "./rotation";

export function rotationName(r: { readonly name?: string }, index: number): string {
  return r.name ?? `rotation-${index + 1}`;
}

/**
 * Plans the shift of rotation `index`: the first group's turn starts at the last hand-off at or
 * before the window start (or at the next one when that turn is over before the window opens),
 * turns every `every` (hourly steps are absolute; daily/weekly steps keep the local hand-off time
 * across DST, as OnCall's calendar does), until the window end.
 */
export function planShift(r: Rotation, index: number, window: { start: Date; end: Date; timeZone: string; startLocal: string }): ShiftPlan {
  const tz = r.timeZone ?? window.timeZone;
  const every = r.every.toSeconds();
  const turn = r.shift === undefined ? every : r.shift.toSeconds();
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

