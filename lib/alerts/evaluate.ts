// Alert evaluation: pure functions over one product's daily series, no I/O. A seller wants signal,
// not noise, so a day is judged against a trailing baseline (not yesterday alone), and a rule that
// has fired stays quiet through its cooldown and until the metric has recovered at least once.
import { addDays, daysBetween } from "@/lib/dates";

export type AlertMetric = "price" | "bsr" | "rating" | "reviews" | "buybox" | "stock";
export type AlertChange = "pct" | "abs";
export type AlertDirection = "up" | "down" | "any";
export type AlertKind =
  | "price_up" | "price_down"
  | "bsr_up" | "bsr_down"
  | "rating_up" | "rating_down"
  | "reviews_up" | "reviews_down"
  | "buybox_lost" | "buybox_changed"
  | "out_of_stock" | "back_in_stock";

/**
 * What a rule watches. `threshold` is in percent for `pct` (12.5 = 12.5 %) and in the metric's
 * unit for `abs` (cents, rank positions, stars, reviews). For BSR "up" means the rank number
 * rises, i.e. the product sells worse; "down" means it climbs the chart. Buy-box and stock rules
 * ignore `change` and `threshold`; their direction still filters: stock down = out_of_stock,
 * up = back_in_stock; buy box down = buybox_lost, up = buybox_changed; any = both.
 */
export interface AlertRuleSpec {
  metric: AlertMetric;
  change: AlertChange;
  threshold: number;
  direction: AlertDirection;
  cooldownDays: number;
}

/** One product-day; a day without a scrape is simply absent from the series. */
export interface DayPoint {
  priceCents: number | null;
  bsr: number | null;
  rating: number | null;
  reviews: number | null;
  buyboxSeller: string | null;
  inStock: boolean | null;
}

/** date (YYYY-MM-DD) → that day's metrics. */
export type DailySeries = ReadonlyMap<string, DayPoint>;

/** Values are in the metric's unit (price in cents); stock uses 1/0; buy-box values are null. */
export interface AlertDecision {
  kind: AlertKind;
  oldValue: number | null;
  newValue: number | null;
  change: number | null;
}

/** How one day looks to a rule, cooldown aside: no data to judge, nothing to say, or an excursion. */
export type DayVerdict = { kind: "unknown" } | { kind: "quiet" } | { kind: "excursion"; alert: AlertDecision };

/** The baseline is the previous 7 days (D-7..D-1). */
export const BASELINE_DAYS = 7;
/** How far back re-arming looks for a recovered day (each judged with its own full baseline). */
export const REARM_LOOKBACK_DAYS = 14;
/** History a caller must load before D so every day evaluateRule looks at has its baseline. */
export const SERIES_LOOKBACK_DAYS = BASELINE_DAYS + REARM_LOOKBACK_DAYS;

// Defaults every workspace starts with (API.md: price ±10 %, BSR ±30 %), each with a 3-day cooldown.
export const DEFAULT_ALERT_RULES: readonly AlertRuleSpec[] = [
  // Repricing either way matters: a rival's undercut or our own mistaken drop.
  { metric: "price", change: "pct", threshold: 10, direction: "any", cooldownDays: 3 },
  // Rank is noisy day to day; 30 % against the weekly median is a real move in sales.
  { metric: "bsr", change: "pct", threshold: 30, direction: "any", cooldownDays: 3 },
  // Losing the buy box or a new seller holding it; the threshold is unused for buy-box rules.
  { metric: "buybox", change: "abs", threshold: 1, direction: "any", cooldownDays: 3 },
  // Out of stock and back; the threshold is unused for stock rules.
  { metric: "stock", change: "abs", threshold: 1, direction: "any", cooldownDays: 3 },
  // Only a falling rating hurts conversion; 0.2 stars is visible on the listing.
  { metric: "rating", change: "abs", threshold: 0.2, direction: "down", cooldownDays: 3 },
];

const UNKNOWN: DayVerdict = { kind: "unknown" };
const QUIET: DayVerdict = { kind: "quiet" };
// Floating-point slack so 4.5 → 4.3 (-0.2000000000000002) and 0.2 compare as equal.
const EPSILON = 1e-9;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
const excursion = (alert: AlertDecision): DayVerdict => ({ kind: "excursion", alert });

/** Points of the days D-7..D-1 that are present, oldest first. */
function trailing(series: DailySeries, date: string): DayPoint[] {
  const points: DayPoint[] = [];
  for (let back = BASELINE_DAYS; back >= 1; back--) {
    const point = series.get(addDays(date, -back));
    if (point) points.push(point);
  }
  return points;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Most frequent value (null counts as a value); a tie goes to the one seen most recently. */
function mode<T>(values: T[]): T | undefined {
  const stats = new Map<T, { count: number; last: number }>();
  values.forEach((v, i) => stats.set(v, { count: (stats.get(v)?.count ?? 0) + 1, last: i }));
  let best: { value: T; count: number; last: number } | undefined;
  for (const [value, s] of stats) {
    if (!best || s.count > best.count || (s.count === best.count && s.last > best.last)) best = { value, ...s };
  }
  return best?.value;
}

const NUMERIC: Record<"price" | "bsr" | "rating" | "reviews", (p: DayPoint) => number | null> = {
  price: (p) => p.priceCents,
  bsr: (p) => p.bsr,
  rating: (p) => p.rating,
  reviews: (p) => p.reviews,
};

function judgeNumeric(rule: AlertRuleSpec & { metric: keyof typeof NUMERIC }, series: DailySeries, date: string): DayVerdict {
  const read = NUMERIC[rule.metric];
  const today = series.get(date);
  const now = today ? read(today) : null;
  const base = median(trailing(series, date).map(read).filter((v): v is number => v !== null));
  if (now === null || base === null) return UNKNOWN;
  if (rule.change === "pct" && base === 0) return UNKNOWN;
  const change = rule.change === "pct" ? ((now - base) / base) * 100 : now - base;
  if (change === 0 || Math.abs(change) < rule.threshold - EPSILON) return QUIET;
  const up = change > 0;
  if ((rule.direction === "up" && !up) || (rule.direction === "down" && up)) return QUIET;
  return excursion({
    kind: `${rule.metric}_${up ? "up" : "down"}`,
    oldValue: round(base, 4),
    newValue: now,
    change: round(change, rule.change === "pct" ? 2 : 4),
  });
}

function judgeStock(rule: AlertRuleSpec, series: DailySeries, date: string): DayVerdict {
  const now = series.get(date)?.inStock ?? null;
  // "Yesterday" is the latest known day of the baseline week, so one missed scrape does not hide a change.
  const before = trailing(series, date).map((p) => p.inStock).filter((v): v is boolean => v !== null).at(-1);
  if (now === null || before === undefined) return UNKNOWN;
  if (now === before) return QUIET;
  if ((rule.direction === "up" && !now) || (rule.direction === "down" && now)) return QUIET;
  return excursion({ kind: now ? "back_in_stock" : "out_of_stock", oldValue: before ? 1 : 0, newValue: now ? 1 : 0, change: null });
}

function judgeBuybox(rule: AlertRuleSpec, series: DailySeries, date: string): DayVerdict {
  const today = series.get(date);
  if (!today) return UNKNOWN;
  // Out of stock there is no offer and so no buy box: the stock rule reports that, and a second
  // "buy box lost" for the same event would be noise.
  if (today.inStock === false) return QUIET;
  // Out-of-stock days say nothing about who holds the buy box, so they are not part of the baseline.
  const states = trailing(series, date).filter((p) => p.inStock !== false).map((p) => p.buyboxSeller);
  if (states.length === 0) return UNKNOWN;
  if (today.buyboxSeller === null) {
    const usual = mode(states);
    if (usual === null || usual === undefined || rule.direction === "up") return QUIET;
    return excursion({ kind: "buybox_lost", oldValue: null, newValue: null, change: null });
  }
  const baselineSeller = mode(states.filter((s): s is string => s !== null));
  if (baselineSeller === undefined || baselineSeller === today.buyboxSeller || rule.direction === "down") return QUIET;
  return excursion({ kind: "buybox_changed", oldValue: null, newValue: null, change: null });
}

/** How `date` looks to the rule with the cooldown left aside (each day against its own baseline). */
export function judgeDay(rule: AlertRuleSpec, series: DailySeries, date: string): DayVerdict {
  switch (rule.metric) {
    case "stock":
      return judgeStock(rule, series, date);
    case "buybox":
      return judgeBuybox(rule, series, date);
    default:
      return judgeNumeric({ ...rule, metric: rule.metric }, series, date);
  }
}

/**
 * True when some day strictly between the last alert and `date` was judged and found quiet: the
 * metric recovered, so a new excursion is news. Days without data count neither way.
 */
function hasRearmed(rule: AlertRuleSpec, series: DailySeries, lastAlertDate: string, date: string): boolean {
  const afterAlert = addDays(lastAlertDate, 1);
  const floor = addDays(date, -REARM_LOOKBACK_DAYS);
  // ISO dates compare as strings.
  for (let day = afterAlert > floor ? afterAlert : floor; day < date; day = addDays(day, 1)) {
    if (judgeDay(rule, series, day).kind === "quiet") return true;
  }
  return false;
}

/**
 * Whether the rule alerts on `date`, given the product's series and the date of the last alert
 * of this (rule, product) before `date` (null if none). After an alert on day L the rule is
 * silent while date - L <= cooldownDays, and afterwards only once it has re-armed — so a price
 * that flaps daily alerts at most once per cooldown, and a lasting change alerts once, not daily.
 */
export function evaluateRule(rule: AlertRuleSpec, series: DailySeries, date: string, lastAlertDate: string | null): AlertDecision | null {
  const verdict = judgeDay(rule, series, date);
  if (verdict.kind !== "excursion") return null;
  if (lastAlertDate === null) return verdict.alert;
  if (daysBetween(lastAlertDate, date) <= rule.cooldownDays) return null;
  return hasRearmed(rule, series, lastAlertDate, date) ? verdict.alert : null;
}

