import { formatDuration, parseDuration } from "./durations";
import type { OnCallConfig } from "./oncall-schema";
import { EventWindowFields, planShift, rotationOf, ShiftPlan, windowOf } from "./shift-plan";
import { utcToLocal } from "../lib/core/time";

/*
 * Schedule coverage: the checks of an oncall block that need the event window, which the schema
 * alone cannot make (it sees the block, not the window). The loader runs them once the window
 * itself is valid.
 */

export interface OnCallProblem {
  readonly path: (string | number)[];
  readonly message: string;
  readonly example?: string;
}

/**
 * Checks that need the event window: no turn longer than the window, and the rotations together
 * cover the whole window without a gap. Paths are relative to the event file's root.
 */
export function checkOnCall(event: EventWindowFields & { oncall?: OnCallConfig }): OnCallProblem[] {
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
