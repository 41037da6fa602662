import type { Database } from "@/db/client";
import type { CompetitionWithMembers } from "@/db/queries/competitions";
import { memberMetricsBetween, replaceComparison } from "@/db/queries/comparison";
import { addDays, todayUtc } from "@/lib/dates";
import { MAX_SERIES_DAYS } from "@/lib/products/schemas";
import { buildComparisonRows, MetricsIndex, membersOf } from "./build-comparison";
import { MOMENTUM_DAYS } from "./compare";

/**
 * Rebuilds a competition's comparison over the stored history (the last 730 days) from core, in
 * one transaction: after a create, or an edit of its members, the mart answers for past days at
 * once instead of from the next run on. Returns the number of days written.
 */
export async function backfillComparison(db: Database, c: CompetitionWithMembers, today = todayUtc()): Promise<number> {
  const from = addDays(today, -(MAX_SERIES_DAYS - 1));
  const metrics = new MetricsIndex(
    await memberMetricsBetween(db, { marketplace: c.competition.marketplace, asins: membersOf(c), from: addDays(from, -MOMENTUM_DAYS), to: today }),
  );
  const dates = metrics.dates().filter((d) => d >= from);
  const rows = buildComparisonRows(c, dates, metrics);
  await replaceComparison(db, c.competition.id, rows);
  return new Set(rows.map((r) => r.date)).size;
}
