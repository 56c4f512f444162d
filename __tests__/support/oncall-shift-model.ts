/**
 * A small, pure model of how Grafana OnCall turns `grafana_oncall_on_call_shift` resources of type
 * `rolling_users` into "who is on call at instant t" (engine apps/schedules/models/
 * custom_on_call_shift.py, `convert_to_ical` / `get_next_start_date` / `event_interval`):
 *
 * - `start` and `until` are wall-clock times in the shift's `time_zone`;
 * - hand-off k (k = 0, 1, ...) is `start` plus k x `interval` units of `frequency`: daily and weekly
 *   steps keep the local time across DST (an iCal RRULE on a zoned DTSTART), hourly steps are
 *   absolute (the project's documented reading, README "Limits" of the on-call side);
 * - hand-off k belongs to group `(start_rotation_from_user_index + k) mod N` of `rolling_users`
 *   (each group's own recurrence is every N x interval), and lasts `duration` seconds;
 * - the recurrence stops at `until` (iCal UNTIL is inclusive: a hand-off at `until` still starts);
 * - where several shifts have someone on call, the highest `level` wins (OnCall's
 *   `_resolve_schedule` orders layers by priority level).
 *
 * It reads only the synthesized resource (not the config, not the planner), so a test comparing it
 * with what the config asked for checks the translation config -> Terraform.
 */
import { zonedToUtc } from "../../lib/core/time";

export interface RollingShift {
  readonly type: string;
  readonly start: string;
  readonly until?: string;
  readonly duration: number;
  readonly frequency: "hourly" | "daily" | "weekly";
  readonly interval?: number;
  readonly time_zone: string;
  readonly level?: number;
  readonly start_rotation_from_user_index?: number;
  /** Groups of user references (ids or, after `withUsernames`, usernames). */
  readonly rolling_users: readonly (readonly string[])[];
}

const DAY = 86400_000;

function addDays(localDateTime: string, days: number): string {
  const [y, m, d] = localDateTime.slice(0, 10).split("-").map(Number);
  return `${new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)}${localDateTime.slice(10)}`;
}

// Zone conversions dominate the model's cost; a shift's hand-off instants never change, so keep them.
const handoffs = new WeakMap<RollingShift, Map<number, number>>();

/** Instant of hand-off k of a shift (k may be negative: used only to search). */
export function handoffAt(s: RollingShift, k: number): number {
  let known = handoffs.get(s);
  if (!known) handoffs.set(s, (known = new Map()));
  let t = known.get(k);
  if (t === undefined) {
    const interval = s.interval ?? 1;
    const days = (s.frequency === "weekly" ? 7 : 1) * interval * k;
    t = s.frequency === "hourly" ? zonedToUtc(s.start, s.time_zone).getTime() + k * interval * 3600_000 : zonedToUtc(addDays(s.start, days), s.time_zone).getTime();
    known.set(k, t);
  }
  return t;
}

/** Index of the last hand-off at or before `t` (may be -1 when t is before the start). */
function lastHandoffIndex(s: RollingShift, t: number): number {
  const first = handoffAt(s, 0);
  const period = s.frequency === "hourly" ? (s.interval ?? 1) * 3600_000 : (s.frequency === "weekly" ? 7 : 1) * (s.interval ?? 1) * DAY;
  // Estimate with the nominal period, then correct for DST (daily/weekly steps are 23..25h a day).
  let k = Math.floor((t - first) / period);
  while (handoffAt(s, k) > t) k--;
  while (handoffAt(s, k + 1) <= t) k++;
  return k;
}

/** Groups of one shift on call at instant `t` (usually zero or one group). */
export function shiftOnCallAt(s: RollingShift, t: number): (readonly string[])[] {
  if (s.type !== "rolling_users") throw new Error(`model covers rolling_users shifts only, not ${s.type}`);
  const until = s.until === undefined ? Infinity : zonedToUtc(s.until, s.time_zone).getTime(); // once per call: cheap next to the hand-offs
  const n = s.rolling_users.length;
  const from = s.start_rotation_from_user_index ?? 0;
  const out: (readonly string[])[] = [];
  // Turns longer than the hand-off period would overlap; walk back while an earlier turn could still cover t.
  for (let k = lastHandoffIndex(s, t); k >= 0; k--) {
    const begin = handoffAt(s, k);
    if (begin + s.duration * 1000 <= t) break;
    if (begin <= until) out.push(s.rolling_users[(from + k) % n]);
  }
  return out;
}

/** Who is on call at `t` across layered shifts: the highest level that has someone wins. */
export function onCallAt(shifts: readonly RollingShift[], t: number): string[] {
  let best: { level: number; users: Set<string> } | undefined;
  for (const s of shifts) {
    const groups = shiftOnCallAt(s, t);
    if (groups.length === 0) continue;
    const level = s.level ?? 0;
    if (!best || level > best.level) best = { level, users: new Set() };
    if (level === best.level) for (const g of groups) for (const u of g) best.users.add(u);
  }
  return best ? [...best.users].sort() : [];
}

/** Replaces `${data.grafana_oncall_user.<id>.id}` references by the usernames of those data sources. */
export function withUsernames(shift: RollingShift, stack: { data?: Record<string, Record<string, Record<string, unknown>>> }): RollingShift {
  const users = stack.data?.grafana_oncall_user ?? {};
  const name = (ref: string) => {
    const m = /^\$\{data\.grafana_oncall_user\.([^.]+)\.id\}$/.exec(ref);
    const username = m && users[m[1]]?.username;
    if (typeof username !== "string") throw new Error(`not a user reference: ${ref}`);
    return username;
  };
  return { ...shift, rolling_users: shift.rolling_users.map((g) => g.map(name)) };
}
