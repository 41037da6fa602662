import { memberMetricsOn, upsertComparison } from "@/db/queries/comparison";
import { listCompetitionsPage } from "@/db/queries/competitions";
import { buildComparisonRows, MetricsIndex, membersOf } from "@/lib/competitions/build-comparison";
import { MOMENTUM_DAYS } from "@/lib/competitions/compare";
import { addDays, daysBetween, todayUtc } from "@/lib/dates";
import type { Pipeline } from "./pipeline";
import { scheduleWeeklyReports } from "./weekly-reports";

// Competitions compared per round trip: up to 11 members each, with today's and last week's rows.
const PAGE_SIZE = 500;

/**
 * Finalize step: fills mart.competitor_comparison_daily for the run's day, for every competition of
 * the run's marketplace, from core (idempotent: the same day upserts the same rows). Then, for a
 * current day, enqueues the weekly reports that are due.
 */
export async function compareCompetitions(p: Pipeline, input: { date: string; marketplace: string }): Promise<{ competitions: number; rows: number }> {
  let competitions = 0;
  let rows = 0;
  let afterId: string | undefined;
  for (;;) {
    const page = await listCompetitionsPage(p.db, { marketplace: input.marketplace, afterId, limit: PAGE_SIZE });
    if (page.length === 0) break;
    const asins = [...new Set(page.flatMap(membersOf))];
    const metrics = new MetricsIndex(await memberMetricsOn(p.db, { marketplace: input.marketplace, asins, dates: [input.date, addDays(input.date, -MOMENTUM_DAYS)] }));
    const built = page.flatMap((c) => buildComparisonRows(c, [input.date], metrics));
    await upsertComparison(p.db, built);
    competitions += page.length;
    rows += built.length;
    if (page.length < PAGE_SIZE) break;
    afterId = page.at(-1)!.competition.id;
  }
  // Only a current day schedules reports: a backfill or a replay of an old day would write this
  // week's report under a past week's key.
  if (!p.backfill && daysBetween(input.date, todayUtc()) <= 1) await scheduleWeeklyReports(p, input);
  return { competitions, rows };
}
