import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { EventSpec, loadConfig } from "../../config/load";
import { onCallSchema } from "../../config/oncall-schema";
import { checkOnCall } from "../../config/schedule-coverage";
import { rotationOf } from "../../config/shift-plan";
import { planShift } from "../../lib/oncall/shift-planning";
import { utcToLocal } from "../../lib/core/time";
import { zonedToUtc } from "../../lib/core/time";

const EVENTS = path.resolve(__dirname, "..", "..", "events");
const example = parse(fs.readFileSync(path.join(EVENTS, "black-friday-2026.yaml"), "utf8")) as Record<string, any>;
const good = example.oncall;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "oncall-config-"));
fs.copyFileSync(path.join(EVENTS, "foundation.yaml"), path.join(tmp, "foundation.yaml"));
fs.cpSync(path.join(EVENTS, "..", "customers"), path.join(tmp, "customers"), { recursive: true });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Loads the example event with another oncall block through the real loader. */
function load(oncall: unknown): void {
  fs.writeFileSync(path.join(tmp, "black-friday-2026.yaml"), stringify({ ...example, oncall }));
  loadConfig(tmp);
}
const rotation = (over: Record<string, unknown>) => ({ ...good, schedule: { rotations: [{ ...good.schedule.rotations[0], ...over }] } });

/** checkOnCall on the example window (2026-11-26T18:00 .. 2026-12-01T06:00 New York). */
function windowProblems(oncall: unknown, window = example.window): string {
  const ev = {
    window,
    windowUtc: { start: zonedToUtc(window.start, window.timeZone), end: zonedToUtc(window.end, window.timeZone) },
    oncall: onCallSchema.parse(oncall),
  } as unknown as EventSpec;
  return checkOnCall(ev)
    .map((p) => `${p.path.join(".")}: ${p.message}`)
    .join("\n");
}

describe("the example's oncall block is valid", () => {
  test("loads and covers the window", () => {
    expect(() => load(good)).not.toThrow();
    expect(windowProblems(good)).toBe("");
  });
});

describe("OnCall config mistakes fail synth with a located, clear message", () => {
  test.each<[string, unknown, RegExp]>([
    ["unknown step kind", { ...good, escalation: ["page the on-call", "call the fire brigade"] }, /oncall\.escalation\[1\]: unknown escalation step "call the fire brigade"; known forms: .*"wait 5m"/],
    ["wait below 1m", { ...good, escalation: ["page the on-call", "wait 30s", "page the team"] }, /oncall\.escalation\[1\]: wait must be between 1m and 24h .* got 30s/],
    ["wait above 24h", { ...good, escalation: ["page the on-call", "wait 25h", "page the team"] }, /oncall\.escalation\[1\]: wait must be between 1m and 24h .* got 25h/],
    ["wait that is not a duration", { ...good, escalation: ["page the on-call", "wait a bit", "page the team"] }, /"a bit" is not a duration/],
    ["empty rotation", rotation({ users: [] }), /oncall\.schedule\.rotations\[0\]\.users: a rotation needs at least one person/],
    ["empty group in a rotation", rotation({ users: ["alice", []] }), /rotations\[0\]\.users\[1\]: a group of people on call together must not be empty/],
    ["duplicate usernames in a rotation", rotation({ users: ["alice", "bob", "alice"] }), /rotations\[0\]\.users\[2\]: duplicate username alice/],
    ["duplicate username inside a group", rotation({ users: ["alice", ["bob", "Alice"]] }), /users\[1\]\[1\]: duplicate username Alice/],
    ["duplicate person in one page step", { ...good, escalation: ["page alice and alice"] }, /alice is listed twice in one step/],
    ["invalid username", rotation({ users: ["alice", "bob smith"] }), /users\[1\]: must be a Grafana username/],
    ["rotation length not whole hours", rotation({ every: "90m" }), /every: must be whole hours/],
    ["rotation length not a duration", rotation({ every: "twice a day" }), /every: must be a duration such as 12h/],
    ["turn longer than the rotation length", rotation({ shift: "13h" }), /shift: a turn \(13h\) cannot be longer than the rotation length every: 12h/],
    ["hand-off not HH:MM", rotation({ handoff: "6am" }), /handoff: must be a local time HH:MM/],
    ["rotation time zone abbreviation", rotation({ timeZone: "CET" }), /timeZone: must be an IANA time zone/],
    ["page the team without a team", { ...good, team: undefined }, /oncall\.escalation\[2\]: "page the team" needs `oncall.team`/],
    ["notify the slack channel without a channel", { ...good, escalation: ["page the on-call", "notify the slack channel"] }, /escalation\[1\]: "notify the slack channel" needs `oncall.slackChannel`/],
    ["repeat before the end", { ...good, escalation: ["page the on-call", "repeat", "page the team"] }, /escalation\[1\]: "repeat" ends the chain/],
    ["repeat count out of range", { ...good, escalation: ["page the on-call", "repeat 7 times"] }, /repeat count must be 1\.\.5/],
    ["wait as the last step", { ...good, escalation: ["page the on-call", "wait 5m"] }, /escalation\[1\]: a wait as the last step does nothing/],
    ["two waits in a row", { ...good, escalation: ["page the on-call", "wait 5m", "wait 5m", "page the team"] }, /escalation\[2\]: two waits in a row/],
    ["important on a wait", { ...good, escalation: ["page the on-call", "wait 5m, important", "page the team"] }, /"important" applies to paging steps only/],
    ["a chain that pages nobody", { ...good, escalations: { quiet: ["resolve"] } }, /escalations\.quiet\[0\]: the chain never pages anyone/],
    ["empty escalation", { ...good, escalation: [] }, /oncall\.escalation: an escalation needs at least one step/],
    ["route to an unknown escalation", { ...good, routes: [{ name: "vip", sender: "@vip\\.example$", escalation: "vip" }] }, /routes\[0\]\.escalation: unknown escalation vip; known: default, cto/],
    ["route without subject or sender", { ...good, routes: [{ name: "all", escalation: "cto" }] }, /routes\[0\]: a route needs `subject`, `sender`, `customers` or `tiers`/],
    ["route with an invalid regex", { ...good, routes: [{ name: "broken", subject: "(outage", escalation: "cto" }] }, /routes\[0\]\.subject: is not a valid Python regular expression/],
    ["duplicate route names", { ...good, routes: [...good.routes, { ...good.routes[0], sender: "x" }] }, /routes\[1\]\.name: duplicate route name mails from the CTO/],
    ["an escalation named default", { ...good, escalations: { default: ["page the on-call"] } }, /`default` is the name of `escalation`/],
    ["unknown field (typo)", { ...good, escalaton: ["page the on-call"] }, /oncall\.escalaton: unknown field; did you mean escalation\?/],
    ["no schedule", { escalation: good.escalation }, /oncall\.schedule: /],
  ])("%s", (_name, oncall, message) => {
    expect(() => load(oncall)).toThrow(message);
  });

  test("errors point at the line of the offending step", () => {
    expect(() => load({ ...good, escalation: ["page the on-call", "wait 30s", "page the team"] })).toThrow(/black-friday-2026\.yaml:\d+:\d+ oncall\.escalation\[1\]/);
  });
});

describe("checks against the event window (checkOnCall)", () => {
  test("a turn longer than the window", () => {
    const short = { ...example.window, start: "2026-11-27T08:00", end: "2026-11-27T20:00" };
    expect(windowProblems(rotation({ every: "1d", handoff: "08:00" }), short)).toMatch(/^oncall\.schedule\.rotations\.0\.every: a turn of 1d is longer than the event window \(12h\)/);
  });

  test("follow-the-sun layers that leave a gap name the gap in local time", () => {
    const layers = {
      ...good,
      schedule: {
        rotations: [
          { name: "europe", users: ["anna", "ben"], every: "1d", shift: "12h", handoff: "08:00", timeZone: "Europe/Berlin" },
          { name: "americas", users: ["carl", "cora"], every: "1d", shift: "10h", handoff: "08:00", timeZone: "America/New_York" },
        ],
      },
    };
    expect(windowProblems(layers)).toBe(
      "oncall.schedule.rotations: nobody is on call from 2026-11-26T18:00 America/New_York to 2026-11-27T02:00 America/New_York: the rotations must cover the whole window without a gap",
    );
  });

  test("follow-the-sun layers that meet leave no gap", () => {
    const layers = {
      ...good,
      schedule: {
        rotations: [
          { name: "europe", users: ["anna", "ben"], every: "1d", shift: "12h", handoff: "06:00", timeZone: "UTC" },
          { name: "americas", users: ["carl", "cora"], every: "1d", shift: "12h", handoff: "18:00", timeZone: "UTC" },
        ],
      },
    };
    expect(windowProblems(layers)).toBe("");
  });

  test("the follow-the-sun example of the README (on-call side) covers the example window", () => {
    const layers = {
      ...good,
      schedule: {
        rotations: [
          { name: "europe", users: ["anna", "ben"], every: "1d", shift: "12h", handoff: "07:00", timeZone: "Europe/Berlin" },
          { name: "americas", users: ["carl", "cora"], every: "1d", shift: "12h", handoff: "13:00", timeZone: "America/New_York" },
        ],
      },
    };
    expect(windowProblems(layers)).toBe("");
  });

  test("a partial-day rotation alone leaves a gap", () => {
    expect(windowProblems(rotation({ every: "1d", shift: "8h", handoff: "18:00" }))).toMatch(/nobody is on call from 2026-11-27T02:00 America\/New_York to 2026-11-27T18:00/);
  });
});

describe("planShift", () => {
  test("daily rotations keep the local hand-off time across a DST change, and stop at the window end", () => {
    const tz = "America/New_York";
    const window = { start: zonedToUtc("2026-03-06T09:30", tz), end: zonedToUtc("2026-03-10T08:00", tz), timeZone: tz, startLocal: "2026-03-06T09:30" };
    const r = onCallSchema.parse({ schedule: { rotations: [{ users: ["a1", "b1"], every: "1d", handoff: "08:00" }] } }).schedule.rotations[0];
    const plan = planShift(rotationOf(r), 0, window);
    expect(plan).toMatchObject({ start: "2026-03-06T08:00:00", until: "2026-03-10T08:00:00", frequency: "daily", interval: 1, durationSeconds: 86400, timeZone: tz });
    expect(plan.turns.map((t) => utcToLocal(t.start, tz).slice(11, 16))).toEqual(["08:00", "08:00", "08:00", "08:00"]);
    // 2026-03-08 has 23 hours in New York: the hand-offs are 23h apart there, not 24h.
    expect((plan.turns[2].start.getTime() - plan.turns[1].start.getTime()) / 3600_000).toBe(23);
  });

  test("hand-off defaults to the window's start time; groups stay together", () => {
    const tz = "Europe/Berlin";
    const window = { start: zonedToUtc("2026-11-27T18:30", tz), end: zonedToUtc("2026-11-29T18:30", tz), timeZone: tz, startLocal: "2026-11-27T18:30" };
    const r = onCallSchema.parse({ schedule: { rotations: [{ users: ["a1", ["b1", "c1"]], every: "8h" }] } }).schedule.rotations[0];
    const plan = planShift(rotationOf(r), 0, window);
    expect(plan).toMatchObject({ start: "2026-11-27T18:30:00", frequency: "hourly", interval: 8, groups: [["a1"], ["b1", "c1"]] });
    expect(plan.turns).toHaveLength(6);
  });
});
