/** Local wall-clock date-time without offset, as written in config: 2026-11-27T08:00[:00]. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function isValidTimeZone(tz: string): boolean {
  if (!tz.includes("/") && tz !== "UTC") return false; // reject abbreviations like "EST" or "CET"
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function parseLocalDateTime(value: string): LocalParts | undefined {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC silently rolls 2026-02-30 over into March; a calendar date that rolls is not real.
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  return { year, month, day, hour, minute, second };
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (planning a 30-day
// rotation converts thousands of instants), so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Local wall-clock `YYYY-MM-DDTHH:MM:SS` of an instant in a zone (the format OnCall shifts take). */
export function utcToLocal(instant: Date, tz: string): string {
  const parts = formatterFor(tz).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}`;
}

/** Offset of `tz` from UTC at instant `epochMs`, in milliseconds (positive east of Greenwich). */
function offsetAt(epochMs: number, tz: string): number {
  return Date.parse(`${utcToLocal(new Date(epochMs), tz)}Z`) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in an IANA zone. For a time skipped by a DST jump the
 * result is shifted forward by the jump, which is what a human means by "02:30 on change day".
 */
export function zonedToUtc(local: string, tz: string): Date {
  const p = parseLocalDateTime(local);
  if (!p) throw new Error(`not a local date-time: ${local}`);
  const naive = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const first = naive - offsetAt(naive, tz);
  const second = naive - offsetAt(first, tz);
  // Normally `second` round-trips to the wall time asked for. In a DST gap neither candidate does;
  // then the earlier-offset reading (`first`) is the one shifted forward by the jump.
  return new Date(naive === second + offsetAt(second, tz) ? second : Math.max(first, second));
}

/** The same local wall-clock time `days` calendar days later (`YYYY-MM-DD...`; the date part moves). */
export function addLocalDays(local: string, days: number): string {
  const [y, m, d] = local.slice(0, 10).split("-").map(Number);
  return `${new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)}${local.slice(10)}`;
}
