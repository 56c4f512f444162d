import type { Rotation, ShiftPlan } from "../lib/oncall/rotation";
import { planShift, rotationName } from "../lib/oncall/shift-planning";
import { Duration } from "../lib/core/duration";
import type { EscalationStep as LibraryEscalationStep } from "../lib/oncall/steps";
import { z } from "zod";
import type { EventSpec } from "./load";
import { describePatternProblem, explainPythonPattern } from "./python-regex";
import { isValidTimeZone, utcToLocal } from "../lib/core/time";

/*
 * The `oncall` block of an event: who is on call (a rotation in a calendar schedule), how an alert
 * escalates (a small readable step list compiled to OnCall escalation steps), and which mails take
 * another escalation (routes). Everything here is checked at synth time, so a typo fails the PR, not
 * the first emergency.
 */

// Grafana logins: letters, digits and . _ @ + - (e-mail-like logins are common in Grafana Cloud).
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$/;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,59}$/;

export const WAIT_MIN_SECONDS = 60;
export const WAIT_MAX_SECONDS = 86400;
/** OnCall's `repeat_escalation` repeats the chain at most this many times, with no count parameter. */
export const ONCALL_MAX_REPEATS = 5;
export const MAX_COMPILED_STEPS = 40;
export const MAX_ROTATIONS = 10;

const UNITS: Record<string, number> = { s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hour: 3600, d: 86400, day: 86400, w: 604800, week: 604800 };

/** "5m", "5 min", "12h", "2 hours", "1d", "1w" -> seconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d{1,6})\s*([a-z]+?)s?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNITS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const username = z
  .string()
  .regex(USERNAME, "must be a Grafana username (login) such as alice or alice@example.com, as shown in Administration > Users")
  .meta({ description: "Grafana username (login), resolved to the OnCall user at plan time.", examples: ["alice"] });

// ---------------------------------------------------------------------------------------------
// Escalation DSL
// ---------------------------------------------------------------------------------------------

/** One parsed step of the escalation DSL. */
export type EscalationStep =
  | { readonly kind: "wait"; readonly seconds: number }
  | { readonly kind: "page-on-call"; readonly next: boolean; readonly important: boolean }
  | { readonly kind: "page-persons"; readonly usernames: readonly string[]; readonly important: boolean }
  | { readonly kind: "page-rotation"; readonly important: boolean }
  | { readonly kind: "page-team"; readonly important: boolean }
  | { readonly kind: "notify-channel" }
  | { readonly kind: "repeat"; readonly times: number }
  | { readonly kind: "resolve" };

export const STEP_FORMS = [
  "page the on-call",
  "page the next on-call",
  "page everyone on the rotation",
  "page the team",
  "page alice and bob",
  "notify the slack channel",
  "wait 5m",
  "repeat",
  "repeat up to 3 times",
  "resolve",
] as const;
const IMPORTANT_SUFFIX = /(?:\s*,\s*|\s+)\(?important\)?\s*$/i;

export type StepParse = { ok: true; step: EscalationStep } | { ok: false; message: string; example: string };

/** Parses one DSL line. Pure; errors carry an example of a right line. */
export function parseStep(line: string): StepParse {
  let text = line.trim().replace(/\s+/g, " ");
  const important = IMPORTANT_SUFFIX.test(text);
  if (important) text = text.replace(IMPORTANT_SUFFIX, "");
  const fail = (message: string, example: string): StepParse => ({ ok: false, message, example });
  const noImportant = (step: EscalationStep): StepParse =>
    important ? fail(`"important" applies to paging steps only, not to "${text}"`, `- "page the on-call, important"`) : { ok: true, step };

  let m: RegExpExecArray | null;
  if ((m = /^wait(?: for)? (.+)$/i.exec(text))) {
    const seconds = parseDuration(m[1]);
    if (seconds === undefined) return fail(`"${m[1]}" is not a duration; write e.g. 5m, 90s, 1h`, `- "wait 5m"`);
    if (seconds < WAIT_MIN_SECONDS || seconds > WAIT_MAX_SECONDS) {
      return fail(`wait must be between 1m and 24h (OnCall accepts ${WAIT_MIN_SECONDS}..${WAIT_MAX_SECONDS} seconds), got ${formatDuration(seconds)}`, `- "wait 5m"`);
    }
    return noImportant({ kind: "wait", seconds });
  }
  if (/^page (?:the )?next on-?call(?: from the schedule)?$/i.test(text)) return { ok: true, step: { kind: "page-on-call", next: true, important } };
  if (/^page (?:the )?on-?call(?: (?:person|people))?(?: from the schedule)?$/i.test(text)) return { ok: true, step: { kind: "page-on-call", next: false, important } };
  if (/^page (?:everyone|everybody|all) (?:on|in) the rotation$|^page the (?:whole )?rotation$/i.test(text)) return { ok: true, step: { kind: "page-rotation", important } };
  if (/^page (?:the )?(?:whole )?team$/i.test(text)) return { ok: true, step: { kind: "page-team", important } };
  if (/^(?:notify|page) the (?:whole )?slack channel$/i.test(text)) return noImportant({ kind: "notify-channel" });
  if ((m = /^repeat(?: (?:up to )?(\d+) times?)?$/i.exec(text))) {
    const times = m[1] === undefined ? ONCALL_MAX_REPEATS : Number(m[1]);
    if (times < 1 || times > ONCALL_MAX_REPEATS) return fail(`repeat count must be 1..${ONCALL_MAX_REPEATS} (OnCall repeats a chain at most ${ONCALL_MAX_REPEATS} times)`, `- "repeat up to 3 times"`);
    return noImportant({ kind: "repeat", times });
  }
  if (/^resolve(?: the alert(?: group)?)?$/i.test(text)) return noImportant({ kind: "resolve" });
  if ((m = /^page (.+)$/i.exec(text))) {
    const names = m[1].split(/\s*,\s*(?:and\s+)?|\s+and\s+/).filter((n) => n !== "");
    const bad = names.find((n) => !USERNAME.test(n));
    if (!bad) {
      const dup = names.find((n, i) => names.indexOf(n) !== i);
      if (dup) return fail(`${dup} is listed twice in one step`, `- "page alice and bob"`);
      return { ok: true, step: { kind: "page-persons", usernames: names, important } };
    }
  }
  return fail(`unknown escalation step "${line.trim()}"; known forms: ${STEP_FORMS.map((f) => `"${f}"`).join(", ")} (paging steps take ", important")`, `- "page the on-call, important"`);
}

/** What a chain may refer to; decides whether team/channel steps are allowed. */
export interface EscalationContext {
  readonly hasTeam: boolean;
  readonly hasSlackChannel: boolean;
  /** Every username in the schedule's rotations (for "page everyone on the rotation"). */
  readonly rotationUsers: readonly string[];
}

/** An OnCall escalation step, ready for `grafana_oncall_escalation`, positions from 0. */
export interface CompiledStep extends LibraryEscalationStep {
  readonly position: number;
}

export interface ChainProblem {
  /** Index of the offending line in the step list. */
  readonly index: number;
  readonly message: string;
  readonly example?: string;
}

/** Rules about the order of steps; returns every problem, empty when the chain is fine. */
export function checkChain(steps: readonly EscalationStep[], ctx: EscalationContext): ChainProblem[] {
  const problems: ChainProblem[] = [];
  if (!steps.some((s) => s.kind.startsWith("page-") || s.kind === "notify-channel")) {
    problems.push({ index: 0, message: "the chain never pages anyone; add e.g. \"page the on-call, important\"", example: `- "page the on-call, important"` });
  }
  steps.forEach((s, i) => {
    const last = i === steps.length - 1;
    if ((s.kind === "repeat" || s.kind === "resolve") && !last) {
      problems.push({ index: i, message: `"${s.kind}" ends the chain; it must be the last step (steps after it never run)` });
    }
    if (s.kind === "wait" && last) problems.push({ index: i, message: "a wait as the last step does nothing; remove it or page someone after it", example: `- "page the team"` });
    if (s.kind === "wait" && steps[i + 1]?.kind === "wait") problems.push({ index: i + 1, message: "two waits in a row; write one wait with the sum", example: `- "wait 10m"` });
    if (s.kind === "page-team" && !ctx.hasTeam) problems.push({ index: i, message: "\"page the team\" needs `oncall.team` (the Grafana team whose members are paged)", example: `team: "Platform"` });
    if (s.kind === "notify-channel" && !ctx.hasSlackChannel) problems.push({ index: i, message: "\"notify the slack channel\" needs `oncall.slackChannel`", example: `slackChannel: "acme-incidents"` });
    if (s.kind === "page-rotation" && ctx.rotationUsers.length === 0) problems.push({ index: i, message: "nobody is on the rotation" });
  });
  return problems;
}

/**
 * Compiles checked DSL steps to OnCall escalation steps. "repeat" (or "repeat up to 5 times") is
 * OnCall's own `repeat_escalation`, which always means up to five repeats; a smaller count has no
 * OnCall equivalent, so the steps before it are unrolled that many more times.
 */
export function compileEscalation(steps: readonly EscalationStep[], ctx: EscalationContext): CompiledStep[] {
  const out: Omit<CompiledStep, "position">[] = [];
  const body: Omit<CompiledStep, "position">[] = [];
  for (const s of steps) {
    switch (s.kind) {
      case "wait":
        body.push({ type: "wait", duration: s.seconds });
        break;
      case "page-on-call":
        body.push({ type: s.next ? "notify_next_on_call_from_schedule" : "notify_on_call_from_schedule", important: s.important });
        break;
      case "page-persons":
        body.push({ type: "notify_persons", persons: [...s.usernames], important: s.important });
        break;
      case "page-rotation":
        body.push({ type: "notify_persons", persons: [...new Set(ctx.rotationUsers)], important: s.important });
        break;
      case "page-team":
        body.push({ type: "notify_team_members", important: s.important });
        break;
      case "notify-channel":
        body.push({ type: "notify_whole_channel" });
        break;
      case "resolve":
        body.push({ type: "resolve" });
        break;
      case "repeat":
        if (s.times === ONCALL_MAX_REPEATS) {
          out.push(...body, { type: "repeat_escalation" });
        } else {
          for (let k = 0; k <= s.times; k++) out.push(...body);
        }
        body.length = 0;
        break;
    }
  }
  out.push(...body);
  return out.map((s, position) => ({ position, ...s }));
}

/** Parses a whole chain, throwing one readable error (for callers outside zod, e.g. tests/tools). */
export function parseChain(lines: readonly string[]): EscalationStep[] {
  return lines.map((l, i) => {
    const r = parseStep(l);
    if (!r.ok) throw new Error(`step ${i + 1}: ${r.message}`);
    return r.step;
  });
}

const stepLine = z
  .string()
  .superRefine((v, ctx) => {
    const r = parseStep(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  })
  .meta({ description: `One escalation step in words. Forms: ${STEP_FORMS.join("; ")}. Paging steps take ", important".`, examples: ["page the on-call, important"] });

export const DEFAULT_ESCALATION = ["page the on-call, important", "wait 5m", "page the on-call, important", "wait 10m", "page everyone on the rotation, important", "repeat"];

const chain = z
  .array(stepLine)
  .min(1, "an escalation needs at least one step")
  .max(30, "at most 30 steps")
  .meta({ description: "Ordered escalation steps, in words.", examples: [["page the on-call, important", "wait 5m", "page alice and bob", "repeat up to 3 times"]] });

// ---------------------------------------------------------------------------------------------
// Schedule
// ---------------------------------------------------------------------------------------------

const duration = (description: string, example: string) =>
  z
    .string()
    .superRefine((v, ctx) => {
      const s = parseDuration(v);
      if (s === undefined) ctx.addIssue({ code: "custom", message: "must be a duration such as 12h, 1d or 1w" });
      else if (s === 0 || s % 3600 !== 0) ctx.addIssue({ code: "custom", message: "must be whole hours (OnCall rotates hourly, daily or weekly), e.g. 12h" });
    })
    .meta({ description, examples: [example] });

const rotationSchema = z
  .strictObject({
    name: z.string().regex(NAME, "1-60 letters, digits, spaces and _ . ( ) -").optional().meta({ description: "Name of the rotation (shift) in OnCall; derived when omitted.", examples: ["primary"] }),
    users: z
      .array(
        z.union([username, z.array(username).min(1, "a group of people on call together must not be empty").meta({ description: "People on call together.", examples: [["alice", "bob"]] })]),
      )
      .min(1, "a rotation needs at least one person")
      .meta({ description: "Who rotates, in order; an entry that is a list is a group on call together.", examples: [["alice", "bob", "carol"]] }),
    every: duration("Rotation length: time from one hand-off to the next (whole hours).", "12h"),
    shift: duration("How long each on-call turn lasts within `every` (follow-the-sun layers cover part of the day); default: all of it.", "8h").optional(),
    handoff: z
      .string()
      .regex(HHMM, "must be a local time HH:MM (24h) such as 08:00")
      .optional()
      .meta({ description: "Local time (in the rotation's time zone) of a hand-off; default: the window's start time.", examples: ["08:00"] }),
    timeZone: z
      .string()
      .refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Berlin (not an abbreviation like CET)" })
      .optional()
      .meta({ description: "Time zone of `handoff` (follow-the-sun layers); default: the event's window.timeZone.", examples: ["Europe/Berlin"] }),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.users.forEach((u, i) => {
      (Array.isArray(u) ? u : [u]).forEach((name, j) => {
        if (seen.has(name.toLowerCase())) {
          ctx.addIssue({ code: "custom", path: Array.isArray(u) ? ["users", i, j] : ["users", i], message: `duplicate username ${name} in this rotation (one person, one turn)` });
        }
        seen.add(name.toLowerCase());
      });
    });
    const every = parseDuration(r.every);
    const shift = r.shift === undefined ? undefined : parseDuration(r.shift);
    if (every !== undefined && shift !== undefined && shift > every) {
      ctx.addIssue({ code: "custom", path: ["shift"], message: `a turn (${r.shift}) cannot be longer than the rotation length every: ${r.every}` });
    }
  })
  .meta({ description: "One rotation layer: people taking turns.", examples: [{ users: ["alice", "bob", "carol"], every: "12h", handoff: "06:00" }] });

const scheduleSchema = z
  .strictObject({
    rotations: z
      .array(rotationSchema)
      .min(1, "the schedule needs at least one rotation")
      .max(MAX_ROTATIONS, `at most ${MAX_ROTATIONS} rotations`)
      .meta({ description: "Rotation layers; later layers take precedence where they overlap (higher OnCall level)." }),
  })
  .superRefine((s, ctx) => {
    const names = new Set<string>();
    s.rotations.forEach((r, i) => {
      const n = rotationName(r, i);
      if (names.has(n)) ctx.addIssue({ code: "custom", path: ["rotations", i, "name"], message: `duplicate rotation name ${n}` });
      names.add(n);
    });
  })
  .meta({
    description: "The event's calendar schedule, in the event's time zone; shifts end when the window ends.",
    examples: [{ rotations: [{ name: "primary", users: ["alice", "bob", "carol"], every: "12h", handoff: "06:00" }] }],
  });

// ---------------------------------------------------------------------------------------------
// Routes and the whole block
// ---------------------------------------------------------------------------------------------

// Checked with Python's rules (config/python-regex.ts), as OnCall will read them; the example of
// the error is the pattern with JavaScript spellings rewritten, when that rewrite is valid Python.
const regex = (description: string, example: string) =>
  z
    .string()
    .min(1)
    .max(500)
    .superRefine((v, ctx) => {
      const r = explainPythonPattern(v);
      // No rewrite: no example either (a generic pattern would read as a suggestion); the fix is in the message.
      if (r) ctx.addIssue({ code: "custom", message: describePatternProblem(r.problem), params: { example: r.fixed ?? null } });
    })
    .meta({ description, examples: [example] });

const routeSchema = z
  .strictObject({
    name: z.string().regex(NAME, "1-60 letters, digits, spaces and _ . ( ) -").meta({ description: "What this route is for (shown in reviews).", examples: ["mails from the CTO"] }),
    subject: regex("Python regular expression searched in the mail subject (case-insensitive).", "(outage|down|checkout)").optional(),
    sender: regex("Python regular expression searched in the sender address (case-insensitive).", "^cto@acme-shop\\.example$").optional(),
    escalation: z
      .string()
      .min(1)
      .meta({ description: "Name of a chain in `escalations`, or `default`.", examples: ["urgent"] }),
    slackChannel: z.string().min(1).optional().meta({ description: "Slack channel name for alert groups of this route.", examples: ["acme-incidents"] }),
  })
  .refine((r) => r.subject !== undefined || r.sender !== undefined, { message: "a route needs `subject` or `sender` (or both); the default route takes everything else" })
  .meta({ description: "Mails matching subject AND sender go to another escalation.", examples: [{ name: "outages", subject: "outage|down", escalation: "urgent" }] });

export const onCallSchema = z
  .strictObject({
    team: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: "Grafana OnCall team that owns the integration, chains and schedule (looked up by name).", examples: ["Platform"] }),
    schedule: scheduleSchema,
    escalation: chain.default(DEFAULT_ESCALATION).meta({
      description: `Default escalation, in words (default: ${DEFAULT_ESCALATION.join("; ")}).`,
      examples: [["page the on-call, important", "wait 5m", "page the team", "repeat up to 3 times"]],
    }),
    escalations: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,29}$/, "chain names are 1-30 lower-case letters, digits and hyphens"), chain)
      .default({})
      .meta({ description: "Extra named escalations that routes can use.", examples: [{ urgent: ["page alice and bob, important", "wait 2m", "repeat"] }] }),
    routes: z
      .array(routeSchema)
      .max(20, "at most 20 routes")
      .default([])
      .meta({
        description: "Checked in order before the default route; the first match wins.",
        examples: [[{ name: "mails from the CTO", sender: "^cto@acme-shop\\.example$", escalation: "urgent" }]],
      }),
    slackChannel: z.string().min(1).optional().meta({ description: "Slack channel name for the event's alert groups (the Slack app must be connected).", examples: ["acme-incidents"] }),
  })
  .superRefine((o, ctx) => {
    if ("default" in o.escalations) ctx.addIssue({ code: "custom", path: ["escalations", "default"], message: "`default` is the name of `escalation`; pick another name" });
    const routeNames = new Set<string>();
    o.routes.forEach((r, i) => {
      if (routeNames.has(r.name.toLowerCase())) ctx.addIssue({ code: "custom", path: ["routes", i, "name"], message: `duplicate route name ${r.name}` });
      routeNames.add(r.name.toLowerCase());
      if (r.escalation !== "default" && !(r.escalation in o.escalations)) {
        const known = ["default", ...Object.keys(o.escalations)].join(", ");
        ctx.addIssue({ code: "custom", path: ["routes", i, "escalation"], message: `unknown escalation ${r.escalation}; known: ${known}` });
      }
    });
    const ec: EscalationContext = { hasTeam: o.team !== undefined, hasSlackChannel: o.slackChannel !== undefined, rotationUsers: rotationUsernames(o) };
    const check = (lines: readonly string[], at: (string | number)[]) => {
      const parsed = lines.map(parseStep);
      if (!parsed.every((p) => p.ok)) return; // per-line issues already reported
      const steps = parsed.map((p) => (p as { step: EscalationStep }).step);
      for (const p of checkChain(steps, ec)) ctx.addIssue({ code: "custom", path: [...at, p.index], message: p.message });
      const n = compileEscalation(steps, ec).length;
      if (n > MAX_COMPILED_STEPS) ctx.addIssue({ code: "custom", path: at, message: `the chain unrolls to ${n} OnCall steps (max ${MAX_COMPILED_STEPS}); use "repeat" (OnCall's own, up to 5 times)` });
    };
    check(o.escalation, ["escalation"]);
    for (const [name, lines] of Object.entries(o.escalations)) check(lines, ["escalations", name]);
  })
  .meta({
    description: "Grafana OnCall side of the event: schedule, escalation, routes. Users are Grafana usernames.",
    examples: [{ schedule: { rotations: [{ users: ["alice", "bob", "carol"], every: "12h", handoff: "08:00" }] } }],
  });

export type OnCallInput = z.input<typeof onCallSchema>;
export type OnCallConfig = z.output<typeof onCallSchema>;
export type RotationConfig = OnCallConfig["schedule"]["rotations"][number];
export type RouteConfig = OnCallConfig["routes"][number];

export { rotationName };

/** Every distinct username of the rotations, in order of first appearance. */
export function rotationUsernames(o: { schedule: { rotations: readonly { users: readonly (string | readonly string[])[] }[] } }): string[] {
  return [...new Set(o.schedule.rotations.flatMap((r) => r.users.flatMap((u) => (Array.isArray(u) ? u : [u as string]))))];
}

/** Every distinct username the config refers to (rotations and "page x and y" steps). */
export function allUsernames(o: OnCallConfig): string[] {
  const names = rotationUsernames(o);
  for (const lines of [o.escalation, ...Object.values(o.escalations)]) {
    for (const l of lines) {
      const r = parseStep(l);
      if (r.ok && r.step.kind === "page-persons") names.push(...r.step.usernames);
    }
  }
  return [...new Set(names)];
}

/** Compiled chains by name (`default` first), for the stack. Assumes the config validated. */
export function compiledChains(o: OnCallConfig): Map<string, CompiledStep[]> {
  const ctx: EscalationContext = { hasTeam: o.team !== undefined, hasSlackChannel: o.slackChannel !== undefined, rotationUsers: rotationUsernames(o) };
  const out = new Map<string, CompiledStep[]>();
  out.set("default", compileEscalation(parseChain(o.escalation), ctx));
  for (const [name, lines] of Object.entries(o.escalations)) out.set(name, compileEscalation(parseChain(lines), ctx));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rotation timing against the event window
// ---------------------------------------------------------------------------------------------

export type { ShiftPlan } from "../lib/oncall/rotation";

/** A rotation of the YAML as the library's typed Rotation (durations parsed; the config validated). */
export function rotationOf(r: RotationConfig): Rotation {
  return { ...r, every: Duration.seconds(parseDuration(r.every)!), shift: r.shift === undefined ? undefined : Duration.seconds(parseDuration(r.shift)!) };
}

export interface OnCallProblem {
  readonly path: (string | number)[];
  readonly message: string;
  readonly example?: string;
}

function windowOf(event: Pick<EventSpec, "window" | "windowUtc">) {
  return { start: event.windowUtc.start, end: event.windowUtc.end, timeZone: event.window.timeZone, startLocal: event.window.start };
}

/** Shift plans of every rotation of a validated event. */
export function planShifts(event: Pick<EventSpec, "window" | "windowUtc"> & { oncall?: OnCallConfig }): ShiftPlan[] {
  if (!event.oncall) return [];
  const w = windowOf(event);
  return event.oncall.schedule.rotations.map((r, i) => planShift(rotationOf(r), i, w));
}

/**
 * Checks that need the event window: no turn longer than the window, and the rotations together
 * cover the whole window without a gap. Paths are relative to the event file's root.
 */
export function checkOnCall(event: Pick<EventSpec, "window" | "windowUtc"> & { oncall?: OnCallConfig }): OnCallProblem[] {
  const o = event.oncall;
  if (!o) return [];
  const problems: OnCallProblem[] = [];
  const w = windowOf(event);
  const windowSeconds = (w.end.getTime() - w.start.getTime()) / 1000;
  if (windowSeconds <= 0) return problems; // the loader reports the window itself
  const fmt = (d: Date) => `${utcToLocal(d, w.timeZone).slice(0, 16)} ${w.timeZone}`;
  const plans: ShiftPlan[] = [];
  o.schedule.rotations.forEach((r, i) => {
    const at = ["oncall", "schedule", "rotations", i];
    const turn = parseDuration(r.shift ?? r.every)!;
    if (turn > windowSeconds) {
      problems.push({
        path: [...at, r.shift === undefined ? "every" : "shift"],
        message: `a turn of ${formatDuration(turn)} is longer than the event window (${formatDuration(windowSeconds)}); nobody would hand off`,
        example: `every: "12h"`,
      });
      return;
    }
    plans.push(planShift(rotationOf(r), i, w));
  });
  if (problems.length > 0) return problems;

  // Sweep the union of all turns across the window; the first uncovered instant is the gap to report.
  const turns = plans.flatMap((p) => p.turns).sort((a, b) => a.start.getTime() - b.start.getTime());
  let covered = w.start.getTime();
  for (const t of turns) {
    if (t.start.getTime() > covered) break;
    covered = Math.max(covered, t.end.getTime());
    if (covered >= w.end.getTime()) break;
  }
  if (covered < w.end.getTime()) {
    const next = turns.find((t) => t.start.getTime() > covered);
    const gapEnd = next ? new Date(Math.min(next.start.getTime(), w.end.getTime())) : w.end;
    problems.push({
      path: ["oncall", "schedule", "rotations"],
      message: `nobody is on call from ${fmt(new Date(covered))} to ${fmt(gapEnd)}: the rotations must cover the whole window without a gap`,
      example: `shift: "${formatDuration(parseDuration(o.schedule.rotations[0].every)!)}"`,
    });
  }
  return problems;
}
