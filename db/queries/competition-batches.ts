import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { competitorComparisonDaily, reports, type CompetitorComparisonDaily } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";
import type { Report } from "./reports";

// Batched reads for GraphQL's DataLoaders over many competitions at once (one statement each).
const idsParam = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

function groupBy<T>(ids: readonly string[], rows: T[], idOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(idOf(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}

/**
 * Comparison rows of many competitions on one day, or each on its own latest compared day when
 * date is null; aligned with ids (empty where a competition has none).
 */
export function comparisonRowsMany(db: Database, ids: readonly string[], date: string | null): Promise<CompetitorComparisonDaily[][]> {
  return timedQuery("mart.comparison.rows_many", async () => {
    if (ids.length === 0) return [];
    const ccd = competitorComparisonDaily;
    const day =
      date === null
        ? sql`${ccd.date} = (select max(newest.date) from ${competitorComparisonDaily} newest where newest.competition_id = ${ccd.competitionId})`
        : eq(ccd.date, date);
    const rows = await db.select().from(ccd).where(and(sql`${ccd.competitionId} = any(${idsParam(ids)})`, day));
    return groupBy(ids, rows, (r) => r.competitionId);
  });
}

/** The newest `limit` reports of each of a workspace's competitions, newest first; aligned with ids. */
export function latestReportsMany(db: Database, workspaceId: string, ids: readonly string[], limit: number): Promise<Report[][]> {
  return timedQuery("app.reports.latest_many", async () => {
    if (ids.length === 0) return [];
    const ranked = db
      .select({
        id: reports.id,
        position: sql<number>`row_number() over (partition by ${reports.competitionId} order by ${reports.createdAt} desc, ${reports.id} desc)`.as("position"),
      })
      .from(reports)
      .where(and(eq(reports.workspaceId, workspaceId), sql`${reports.competitionId} = any(${idsParam(ids)})`))
      .as("ranked");
    const rows = await db
      .select({ report: reports })
      .from(reports)
      .innerJoin(ranked, eq(ranked.id, reports.id))
      .where(sql`${ranked.position} <= ${limit}`)
      .orderBy(desc(reports.createdAt), desc(reports.id));
    return groupBy(ids, rows.map((r) => r.report), (r) => r.competitionId);
  });
}
