// Calendar dates are plain UTC "YYYY-MM-DD" strings throughout the app: metrics are per product-day,
// and a string compares, sorts and serialises correctly without time-zone surprises.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch at 00:00 UTC of a valid date, else null. */
function utcMidnight(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over to 2026-03-02; a round trip exposes that.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return ms;
}

function requireDate(date: string): number {
  const ms = utcMidnight(date);
  if (ms === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return ms;
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a real calendar date in YYYY-MM-DD form ("2026-02-30" is false). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && utcMidnight(value) !== null;
}

/** Today's date in UTC. `now` is injectable so callers can be tested. */
export function todayUtc(now: Date = new Date()): string {
  return format(now.getTime());
}

/** `date` shifted by `n` whole days (n may be negative). Throws RangeError on an invalid date. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return format(requireDate(date) + n * MS_PER_DAY);
}

/** Whole days from `a` to `b` (positive when b is later). Throws RangeError on an invalid date. */
export function daysBetween(a: string, b: string): number {
  return Math.round((requireDate(b) - requireDate(a)) / MS_PER_DAY);
}
