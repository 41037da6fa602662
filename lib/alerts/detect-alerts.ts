import "server-only";
import type { Database } from "@/db/client";
import { ensureDefaultAlertRules, listEnabledRules, listTrackers } from "@/db/queries/alert-rules";
import { insertAlerts, lastAlertDates, loadSeriesWindow, type NewAlert, type SeriesRow } from "@/db/queries/alerts";
import type { Alert, AlertRule } from "@/db/schema";
import { bumpVersion } from "@/lib/cache/data-version";
import { addDays } from "@/lib/dates";
import { evaluateRule, SERIES_LOOKBACK_DAYS, type DailySeries, type DayPoint } from "./evaluate";

// ASINs per pass: 2000 × 22 days of series stay small in memory, and every query takes its ASINs
// as one array parameter, so a 100k-ASIN day is 50 passes of a handful of statements each.
export const DETECT_BATCH_ASINS = 2000;

export interface DetectAlertsInput {
  runId: string | null;
  /** The day being evaluated (YYYY-MM-DD). */
  date: string;
  marketplace: string;
  asins: string[];
}

function seriesByAsin(rows: SeriesRow[]): Map<string, Map<string, DayPoint>> {
  const byAsin = new Map<string, Map<string, DayPoint>>();
  for (const { asin, date, ...point } of rows) {
    let series = byAsin.get(asin);
    if (!series) byAsin.set(asin, (series = new Map()));
    series.set(date, point);
  }
  return byAsin;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

async function detectBatch(db: Database, input: DetectAlertsInput, asins: string[], seeded: Set<string>): Promise<Alert[]> {
  const { date, marketplace } = input;
  const tracked = await listTrackers(db, { marketplace, asins });
  if (tracked.length === 0) return [];
  const workspaceIds = [...new Set(tracked.map((t) => t.workspaceId))];
  // A workspace that never opened its alert rules still gets the defaults (API.md), written once.
  const unseeded = workspaceIds.filter((id) => !seeded.has(id));
  if (unseeded.length > 0) {
    await ensureDefaultAlertRules(db, unseeded);
    unseeded.forEach((id) => seeded.add(id));
  }
  const trackedAsins = [...new Set(tracked.map((t) => t.asin))];
  const rules = await listEnabledRules(db, { workspaceIds, asins: trackedAsins });
  if (rules.length === 0) return [];

  const [seriesRows, lastAlerts] = await Promise.all([
    loadSeriesWindow(db, { marketplace, asins: trackedAsins, from: addDays(date, -SERIES_LOOKBACK_DAYS), to: date }),
    lastAlertDates(db, { marketplace, before: date, ruleIds: rules.map((r) => r.id), asins: trackedAsins }),
  ]);
  const series = seriesByAsin(seriesRows);
  const lastAlert = new Map(lastAlerts.map((l) => [`${l.ruleId}:${l.asin}`, l.date]));
  const rulesOf = groupBy<AlertRule>(rules, (r) => r.workspaceId);

  const rows: NewAlert[] = [];
  for (const { workspaceId, asin } of tracked) {
    const own: DailySeries | undefined = series.get(asin);
    // Nothing scraped for the day (a rejected item): nothing to judge.
    if (!own?.has(date)) continue;
    for (const rule of rulesOf.get(workspaceId) ?? []) {
      if (rule.asin !== null && rule.asin !== asin) continue;
      const decision = evaluateRule(rule, own, date, lastAlert.get(`${rule.id}:${asin}`) ?? null);
      if (!decision) continue;
      rows.push({ workspaceId, ruleId: rule.id, runId: input.runId, asin, marketplace, date, metric: rule.metric, ...decision });
    }
  }
  return insertAlerts(db, rows);
}

/**
 * Evaluates the day for every workspace that tracks any of these ASINs, with its enabled rules
 * (global and ASIN-specific), and stores the alerts. Idempotent: alerts are unique per
 * (rule, asin, marketplace, date) and the evaluation only looks at alerts before the day, so a
 * re-run creates nothing new. Returns the alerts this call created (for notifications) and bumps
 * the cache version of each workspace that got some.
 */
export async function detectAlerts(db: Database, input: DetectAlertsInput): Promise<{ created: Alert[] }> {
  const asins = [...new Set(input.asins)];
  const seeded = new Set<string>();
  const created: Alert[] = [];
  for (let i = 0; i < asins.length; i += DETECT_BATCH_ASINS) {
    created.push(...(await detectBatch(db, input, asins.slice(i, i + DETECT_BATCH_ASINS), seeded)));
  }
  for (const workspaceId of new Set(created.map((a) => a.workspaceId))) await bumpVersion(`ws:${workspaceId}`);
  return { created };
}
