/**
 * Issue 10, "the first hour": the first listed group must be on call when the window opens, and the
 * groups must follow in order at every hand-off. Checked on the synthesized
 * `grafana_oncall_on_call_shift` resources with a model of OnCall's rolling semantics
 * (support/oncall-shift-model.ts), against hand-off instants computed from the config alone.
 */
import { Testing } from "cdktf";
import fc from "fast-check";
import type { EventSpec } from "../../../config/load";
import { onCallSchema, rotationUsernames } from "../../../config/oncall-schema";
import { checkOnCall } from "../../../config/schedule-coverage";
import { planShifts } from "../../../config/shift-plan";
import { addLocalDays, utcToLocal, zonedToUtc } from "../../../lib/core/time";
import { OnCallDirectory, OnCallSchedule } from "../../../lib";
import { onCallAt, RollingShift, shiftOnCallAt, withUsernames } from "../../support/oncall-shift-model";
import { resourcesOf, synthOnCall } from "./fixture";

type Group = readonly string[];
interface Rotation {
  readonly users: (string | string[])[];
  readonly every: string;
  readonly shift?: string;
  readonly handoff?: string;
  readonly timeZone?: string;
}
/** An event window: local start as written in config, instants as the loader resolves them. */
interface Window {
  readonly start: string;
  readonly timeZone: string;
  readonly startUtc: number;
  readonly endUtc: number;
}
interface Turn {
  readonly start: number;
  readonly end: number;
  readonly group: Group;
}

const HOUR = 3600_000;
const windowOf = (start: string, timeZone: string, end: string): Window => ({
  start,
  timeZone,
  startUtc: zonedToUtc(start, timeZone).getTime(),
  endUtc: zonedToUtc(end, timeZone).getTime(),
});
const eventOf = (w: Window, rotations: Rotation[]) =>
  ({
    window: { start: w.start, end: utcToLocal(new Date(w.endUtc), w.timeZone).slice(0, 16), timeZone: w.timeZone },
    windowUtc: { start: new Date(w.startUtc), end: new Date(w.endUtc) },
    oncall: onCallSchema.parse({ schedule: { rotations } }),
  }) as unknown as EventSpec;

/**
 * The shifts as Terraform gets them: planned, built by the OnCallSchedule construct, synthesized.
 * Many events go through one synth (one schedule construct each): a synth per event would cost
 * most of this file's run time.
 */
function synthesizedShiftsOf(events: readonly EventSpec[]): RollingShift[][] {
  const json = Testing.synthScope((scope) => {
    events.forEach((event, i) => {
      const directory = new OnCallDirectory(scope, `d${i}`, { usernames: rotationUsernames(event.oncall!) });
      new OnCallSchedule(scope, `s${i}`, { name: "test on-call", timeZone: event.window.timeZone, shifts: planShifts(event), directory });
    });
  });
  const stack = JSON.parse(json);
  const shifts = Object.entries((stack.resource?.grafana_oncall_on_call_shift ?? {}) as Record<string, RollingShift>);
  return events.map((_, i) =>
    shifts
      .filter(([key]) => key.startsWith(`s${i}_`))
      .map(([, s]) => withUsernames(s, stack))
      .sort((a, b) => (a.level ?? 0) - (b.level ?? 0)),
  );
}
const synthesizedShifts = (event: EventSpec) => synthesizedShiftsOf([event])[0];

/**
 * Synthesized shifts of the cases a property will see, made in one synth beforehand; a case not
 * made (fast-check shrinking a failure) is synthesized on its own.
 */
function presynthesized<T>(cases: readonly T[], toEvent: (c: T) => EventSpec): (c: T) => RollingShift[] {
  const made = new Map<string, RollingShift[]>();
  const all = synthesizedShiftsOf(cases.map(toEvent));
  cases.forEach((c, i) => made.set(JSON.stringify(c), all[i]));
  return (c) => made.get(JSON.stringify(c)) ?? synthesizedShifts(toEvent(c));
}

const addDays = (date: string, days: number) => addLocalDays(date, days);
const hours = (d: string) => (d.endsWith("w") ? 168 : d.endsWith("d") ? 24 : 1) * Number(d.slice(0, -1));
const sorted = (g: Iterable<string>) => [...new Set(g)].sort();

/**
 * What the config asks for, in the README's words only: hand-offs at the local `handoff` time
 * (default: the window's start time) in the rotation's zone, then every `every` (whole days keep
 * the local time, hours are absolute), counted from the window's start day; the first group's
 * turn starts at the last hand-off at or before the window start (the next one when that turn is
 * already over), turns last `shift` (default `every`), and the groups follow in order.
 */
function expectedTurns(r: Rotation, w: Window): Turn[] {
  const tz = r.timeZone ?? w.timeZone;
  const handoff = r.handoff ?? w.start.slice(11, 16);
  const every = hours(r.every);
  const turn = hours(r.shift ?? r.every) * HOUR;
  const day = utcToLocal(new Date(w.startUtc), tz).slice(0, 10);
  const at = (m: number) =>
    every % 24 === 0 ? zonedToUtc(`${addDays(day, (m * every) / 24)}T${handoff}`, tz).getTime() : zonedToUtc(`${day}T${handoff}`, tz).getTime() + m * every * HOUR;
  // The last hand-off at or before the start (searched upwards from two days before), unless that
  // turn is over before the window opens.
  let m = -Math.ceil(48 / every) - 1;
  while (at(m + 1) <= w.startUtc) m++;
  if (at(m) + turn <= w.startUtc) m++;
  const groups = r.users.map((u) => (Array.isArray(u) ? u : [u]));
  const out: Turn[] = [];
  for (let j = 0; at(m + j) < w.endUtc; j++) out.push({ start: at(m + j), end: at(m + j) + turn, group: groups[j % groups.length] });
  return out;
}

/** Who the config says is on call at t: the groups of the highest layer with a turn running. */
function expectedAt(layers: readonly Turn[][], t: number): string[] {
  for (let i = layers.length - 1; i >= 0; i--) {
    const running = layers[i].filter((x) => x.start <= t && t < x.end);
    if (running.length > 0) return sorted(running.flatMap((x) => x.group));
  }
  return [];
}

/**
 * Compares OnCall's reading of the synthesized shifts with the config at the window start, at
 * every hand-off and turn end inside the window and a minute before each; and checks that synth's
 * gap check fires exactly when OnCall would have nobody on call at one of those instants.
 */
function expectOnCallAsConfigured(w: Window, rotations: Rotation[], shifts = synthesizedShifts(eventOf(w, rotations))): void {
  const event = eventOf(w, rotations);
  const layers = rotations.map((r) => expectedTurns(r, w));
  // The first group of every layer takes that layer's first turn.
  layers.forEach((turns, i) => expect(sorted(shiftOnCallAt(shifts[i], Math.max(turns[0].start, w.startUtc)).flat())).toEqual(sorted(turns[0].group)));
  const firstGroup = rotations[rotations.length - 1].users[0];
  if (layers[layers.length - 1][0].start <= w.startUtc) expect(onCallAt(shifts, w.startUtc)).toEqual(sorted(Array.isArray(firstGroup) ? firstGroup : [firstGroup]));
  const instants = [w.startUtc, ...layers.flat().flatMap((t) => [t.start, t.start - 60_000, t.end, t.end - 60_000])].filter((t) => t >= w.startUtc && t < w.endUtc);
  // One comparison of the whole timeline (an expect per instant would dominate the run time).
  const at = (t: number, who: string[]) => `${new Date(t).toISOString()} ${who.join("+") || "nobody"}`;
  const want = instants.map((t) => at(t, expectedAt(layers, t)));
  expect(instants.map((t) => at(t, onCallAt(shifts, t)))).toEqual(want);
  const nobody = want.some((line) => line.endsWith(" nobody"));
  expect(checkOnCall(event).some((p) => /nobody is on call/.test(p.message))).toBe(nobody);
}

// Zones with DST north and south, half- and quarter-hour offsets, and none at all.
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "Asia/Tokyo", "Europe/London", "America/Los_Angeles"];
const NAMES = ["alice", "bob", "carol", "dave", "erin", "frank"];
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, mi]) => `${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}`);
/** Users in order; some entries are groups of two on call together. */
const users = fc
  .tuple(fc.shuffledSubarray(NAMES, { minLength: 1, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([names, pair]) => {
    const out: (string | string[])[] = [];
    names.forEach((n, i) => {
      const last = out[out.length - 1];
      if (i > 0 && pair[i] && !Array.isArray(last)) out[out.length - 1] = [last, n];
      else out.push(n);
    });
    return out;
  });
/** Days of 2026-2027 (offsets from 2026-01-01) on which the zone's UTC offset changes. */
function dstDays(tz: string): number[] {
  const offset = (day: number) => Date.parse(`${utcToLocal(new Date(Date.UTC(2026, 0, 1 + day, 12)), tz)}Z`) - Date.UTC(2026, 0, 1 + day, 12);
  return Array.from({ length: 730 }, (_, d) => d).filter((d) => offset(d) !== offset(d + 1));
}
const DST_DAYS = new Map(ZONES.map((tz) => [tz, dstDays(tz)]));
/** A window of `minHours` up to `maxHours` (and at most 60 turns of `minHours`, so a run stays fast);
 * half of the windows of a zone with DST start up to two days before one of its changes. */
const windowArb = (minHours: number, maxHours = 30 * 24) =>
  fc.constantFrom(...ZONES).chain((timeZone) => {
    const changes = DST_DAYS.get(timeZone)!;
    const uniform = fc.integer({ min: 0, max: 729 });
    const day = changes.length ? fc.oneof(uniform, fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -2, max: 0 })).map(([d, k]) => d + k)) : uniform;
    return fc
      .record({ day, at: hhmm, length: fc.integer({ min: minHours, max: Math.max(minHours, Math.min(maxHours, minHours * 60)) }) })
      .map(({ day: d, at, length }): Window => {
        const start = `${addDays("2026-01-01", d)}T${at}`;
        const startUtc = zonedToUtc(start, timeZone).getTime();
        return { start, timeZone, startUtc, endUtc: startUtc + length * HOUR };
      });
  });

const EVERY = ["1h", "2h", "5h", "8h", "12h", "13h", "36h", "1d", "2d", "3d", "1w", "2w"];
const FC = { seed: 20261126, numRuns: 120 };

describe("the shipped example: alice is on call when the window opens", () => {
  const { stack } = synthOnCall();
  const shifts = resourcesOf(stack, "grafana_oncall_on_call_shift").map((s) => withUsernames(s as unknown as RollingShift, stack));
  const ny = (local: string) => zonedToUtc(local, "America/New_York").getTime();

  test.each([
    ["2026-11-26T18:00", ["alice"]], // the window opens (18:00 New York)
    ["2026-11-27T05:59", ["alice"]],
    ["2026-11-27T06:00", ["bob"]],
    ["2026-11-27T18:00", ["carol"]],
    ["2026-11-28T06:00", ["alice"]],
    ["2026-12-01T05:59", ["carol"]], // the ninth turn, the last before the window closes at 06:00
  ])("at %s New York: %j", (local, who) => {
    expect(onCallAt(shifts, ny(local))).toEqual(who);
  });

  test("the shift starts at the window start, which is a hand-off (18:00), not at the morning's 06:00", () => {
    expect(shifts[0]).toMatchObject({ start: "2026-11-26T18:00:00", until: "2026-12-01T06:00:00", frequency: "hourly", interval: 12 });
    // Before the window nobody of this schedule is on call: the turn list starts with it.
    expect(onCallAt(shifts, ny("2026-11-26T17:59"))).toEqual([]);
  });
});

describe("fixed cases", () => {
  const ny = (local: string) => zonedToUtc(local, "America/New_York").getTime();

  test("follow the sun (README): each layer starts with its first person, even when off duty at the window start", () => {
    const rotations: Rotation[] = [
      { users: ["anna", "ben"], every: "1d", shift: "12h", handoff: "07:00", timeZone: "Europe/Berlin" },
      { users: ["carl", "cora"], every: "1d", shift: "12h", handoff: "13:00", timeZone: "America/New_York" },
    ];
    const w = windowOf("2026-11-26T18:00", "America/New_York", "2026-11-29T18:00");
    const shifts = synthesizedShifts(eventOf(w, rotations));
    expect(onCallAt(shifts, ny("2026-11-26T18:00"))).toEqual(["carl"]); // americas 13:00-01:00 New York
    expect(onCallAt(shifts, ny("2026-11-27T01:00"))).toEqual(["anna"]); // 07:00 Berlin: europe's first turn in the window
    expect(onCallAt(shifts, ny("2026-11-27T13:00"))).toEqual(["cora"]); // americas (the later layer) takes over at 13:00
    expect(onCallAt(shifts, ny("2026-11-28T01:00"))).toEqual(["ben"]);
    expect(shifts[0].start).toBe("2026-11-27T07:00:00"); // not the 26th, whose turn ended before the window opened
    expectOnCallAsConfigured(w, rotations);
  });

  test("a daily rotation keeps its local hand-off across the spring DST change", () => {
    const rotations: Rotation[] = [{ users: ["alice", "bob", "carol"], every: "1d", handoff: "09:00" }];
    const w = windowOf("2026-03-06T12:00", "America/New_York", "2026-03-11T12:00");
    const shifts = synthesizedShifts(eventOf(w, rotations));
    expect(onCallAt(shifts, ny("2026-03-06T12:00"))).toEqual(["alice"]);
    expect(onCallAt(shifts, ny("2026-03-07T09:00"))).toEqual(["bob"]);
    expect(onCallAt(shifts, ny("2026-03-09T09:00"))).toEqual(["alice"]); // 8 March had 23 hours; still 09:00
    expect(onCallAt(shifts, ny("2026-03-10T08:59"))).toEqual(["alice"]);
    expect(onCallAt(shifts, ny("2026-03-10T09:00"))).toEqual(["bob"]);
    expectOnCallAsConfigured(w, rotations);
  });

  test("an hourly rotation hands off every 12 absolute hours across the autumn DST change", () => {
    const rotations: Rotation[] = [{ users: ["alice", "bob"], every: "12h", handoff: "08:00" }];
    const w = windowOf("2026-10-31T20:00", "America/New_York", "2026-11-02T20:00");
    const shifts = synthesizedShifts(eventOf(w, rotations));
    expect(onCallAt(shifts, ny("2026-10-31T20:00"))).toEqual(["alice"]); // the 20:00 hand-off opens the window: the first person
    expect(onCallAt(shifts, ny("2026-11-01T07:00"))).toEqual(["bob"]); // 08:00 EDT + 12h = 07:00 EST
    expect(onCallAt(shifts, ny("2026-11-01T06:59"))).toEqual(["alice"]);
    expectOnCallAsConfigured(w, rotations);
  });
});

describe("property: one rotation covering the window (fast-check, fixed seed)", () => {
  const arb = fc
    .constantFrom(...EVERY)
    .chain((every) => fc.record({ every: fc.constant(every), window: windowArb(hours(every)), handoff: fc.option(hhmm, { nil: undefined }), users }));

  test("the first group is on call when the window opens, and the next group at every hand-off, in OnCall's reading of the synthesized shift", () => {
    const rotationsOf = (c: { every: string; handoff?: string; users: (string | string[])[] }): Rotation[] => [{ users: c.users, every: c.every, handoff: c.handoff }];
    const shiftsOf = presynthesized(fc.sample(arb, FC), (c) => eventOf(c.window, rotationsOf(c)));
    fc.assert(
      fc.property(arb, (c) => expectOnCallAsConfigured(c.window, rotationsOf(c), shiftsOf(c))),
      FC,
    );
  });
});

describe("property: follow-the-sun layers (fast-check, fixed seed)", () => {
  const layer = fc
    .record({ every: fc.constantFrom("8h", "12h", "1d", "2d"), fraction: fc.constantFrom(0.25, 0.5, 0.75, 1), handoff: hhmm, timeZone: fc.constantFrom(...ZONES), users })
    .map(({ every, fraction, handoff, timeZone, users: u }): Rotation => ({ users: u, every, shift: `${Math.max(1, Math.round(hours(every) * fraction))}h`, handoff, timeZone }));

  test("each layer starts with its first group and rotates in order, the later layer wins, and synth reports a gap iff OnCall would have nobody", () => {
    const arb = fc.record({ window: windowArb(48, 7 * 24), layers: fc.array(layer, { minLength: 2, maxLength: 3 }) });
    const runs = { ...FC, numRuns: 100 };
    const shiftsOf = presynthesized(fc.sample(arb, runs), (c) => eventOf(c.window, c.layers));
    fc.assert(
      fc.property(arb, (c) => expectOnCallAsConfigured(c.window, c.layers, shiftsOf(c))),
      runs,
    );
  });
});
