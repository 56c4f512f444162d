import type { EscalationStep as OnCallEscalationStep } from "../lib/oncall/steps";
import { formatDuration, parseDuration } from "./durations";

/*
 * The escalation words: a chain written as a list of readable steps ("page the on-call,
 * important", "wait 5m", "repeat up to 3 times") is parsed, checked for order, and compiled to
 * Grafana OnCall escalation steps. Pure functions; the oncall schema (oncall-schema.ts) runs them
 * on the config, the stack deploys what compileEscalation gives.
 */

/** Grafana logins: letters, digits and . _ @ + - (e-mail-like logins are common in Grafana Cloud). */
export const GRAFANA_USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$/;

export const WAIT_MIN_SECONDS = 60;
export const WAIT_MAX_SECONDS = 86400;
/** OnCall's `repeat_escalation` repeats the chain at most this many times, with no count parameter. */
export const ONCALL_MAX_REPEATS = 5;

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
    const bad = names.find((n) => !GRAFANA_USERNAME.test(n));
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
export interface CompiledStep extends OnCallEscalationStep {
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

/** The chain an event gets when its oncall block names none. */
export const DEFAULT_ESCALATION = ["page the on-call, important", "wait 5m", "page the on-call, important", "wait 10m", "page everyone on the rotation, important", "repeat"];
