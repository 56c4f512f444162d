import { rotationName } from "../lib/oncall/shift-planning";
import { z } from "zod";
import { parseDuration } from "./durations";
import { checkChain, compileEscalation, CompiledStep, DEFAULT_ESCALATION, EscalationContext, EscalationStep, GRAFANA_USERNAME, parseChain, parseStep, STEP_FORMS } from "./escalation-words";
import { describePatternProblem, explainPythonPattern } from "./python-regex";
import { isValidTimeZone } from "../lib/core/time";

/*
 * The `oncall` block of an event: who is on call (a rotation in a calendar schedule), how an alert
 * escalates (a small readable step list, escalation-words.ts, compiled to OnCall escalation steps),
 * and which mails take another escalation (routes). Everything here is checked at synth time, so a
 * typo fails the PR, not the first emergency. The checks against the event window are in
 * schedule-coverage.ts; how a rotation becomes OnCall shifts, in shift-plan.ts.
 */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,59}$/;

export const MAX_COMPILED_STEPS = 40;
export const MAX_ROTATIONS = 10;

const username = z
  .string()
  .regex(GRAFANA_USERNAME, "must be a Grafana username (login) such as alice or alice@example.com, as shown in Administration > Users")
  .meta({ description: "Grafana username (login), resolved to the OnCall user at plan time.", examples: ["alice"] });

// ---------------------------------------------------------------------------------------------
// Escalation chains (the words are parsed and compiled in escalation-words.ts)
// ---------------------------------------------------------------------------------------------

const stepLine = z
  .string()
  .superRefine((v, ctx) => {
    const r = parseStep(v);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  })
  .meta({ description: `One escalation step in words. Forms: ${STEP_FORMS.join("; ")}. Paging steps take ", important".`, examples: ["page the on-call, important"] });

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
    customers: z
      .array(z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "must be a customer slug of the event's `customers`").meta({ examples: ["acme-shop"] }))
      .min(1)
      .optional()
      .meta({ description: "Matches mail recognised as one of these customers (slugs of the event's `customers`).", examples: [["acme-shop"]] }),
    tiers: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a customer tier such as platinum").meta({ examples: ["platinum"] }))
      .min(1)
      .optional()
      .meta({ description: "Matches mail recognised as a customer of one of these tiers.", examples: [["platinum"]] }),
    slackChannel: z.string().min(1).optional().meta({ description: "Slack channel name for alert groups of this route.", examples: ["acme-incidents"] }),
  })
  .refine((r) => r.subject !== undefined || r.sender !== undefined || r.customers !== undefined || r.tiers !== undefined, {
    message: "a route needs `subject`, `sender`, `customers` or `tiers` (any together); the default route takes everything else",
  })
  .meta({ description: "Mails matching every given field (subject AND sender AND customer AND tier) go to another escalation.", examples: [{ name: "outages", subject: "outage|down", escalation: "urgent" }] });

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
    tiers: z
      .record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "tiers are lower-case letters, digits and hyphens"), z.string().min(1))
      .default({})
      .meta({
        description: "Escalation by customer tier: mail recognised as a customer of the tier takes that chain (a name in `escalations`, or `default`). Checked after `routes`.",
        examples: [{ platinum: "urgent" }],
      }),
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
    for (const [tier, chainName] of Object.entries(o.tiers)) {
      if (chainName !== "default" && !(chainName in o.escalations)) {
        ctx.addIssue({ code: "custom", path: ["tiers", tier], message: `unknown escalation ${chainName}; known: ${["default", ...Object.keys(o.escalations)].join(", ")}` });
      }
    }
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

// ---------------------------------------------------------------------------------------------
// Reading a validated block
// ---------------------------------------------------------------------------------------------

/** The rotation's name in OnCall: its own, or rotation-<n> (from 1) when omitted. */
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
