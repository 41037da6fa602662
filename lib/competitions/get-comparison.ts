import "server-only";
import { getDb } from "@/db/client";
import { comparisonBetween, latestComparisonDate } from "@/db/queries/comparison";
import { getCompetition } from "@/db/queries/competitions";
import type { CompetitorComparisonDaily } from "@/db/schema";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { membersOf } from "./build-comparison";
import { presentComparisonDay } from "./present";
import type { ComparisonView } from "./responses";

export type ComparisonQuery = { mode: "day"; date?: string } | { mode: "range"; from: string; to: string };

function byDate(rows: CompetitorComparisonDaily[]): Map<string, CompetitorComparisonDaily[]> {
  const days = new Map<string, CompetitorComparisonDaily[]>();
  for (const row of rows) days.set(row.date, [...(days.get(row.date) ?? []), row]);
  return days;
}

/**
 * The comparison of one of the workspace's competitions, from mart.competitor_comparison_daily only:
 * one day (default: the latest compared day) or a series of days. Cached per workspace and data
 * version, so a new ETL day or an edit of the competition is visible at once. Null when the
 * workspace has no such competition.
 */
export function getComparison(input: { workspaceId: string; id: string; query: ComparisonQuery }): Promise<CacheableBody | null> {
  const { workspaceId, id, query } = input;
  const span = query.mode === "day" ? (query.date ?? "latest") : `${query.from}..${query.to}`;
  return readThrough(`comparison:${workspaceId}:${id}:${span}`, { scopes: ["data", `ws:${workspaceId}`] }, async (): Promise<ComparisonView | null> => {
    const db = await getDb();
    const competition = await getCompetition(db, workspaceId, id);
    if (!competition) return null;
    const order = membersOf(competition);
    const head = { competition_id: id, name: competition.competition.name, main_asin: competition.competition.mainAsin };
    if (query.mode === "range") {
      const days = byDate(await comparisonBetween(db, id, query.from, query.to));
      return { ...head, from: query.from, to: query.to, days: [...days].map(([date, rows]) => presentComparisonDay(date, rows, order)) };
    }
    const date = query.date ?? (await latestComparisonDate(db, id));
    const rows = date ? await comparisonBetween(db, id, date, date) : [];
    if (rows.length === 0) return { ...head, date: date ?? null, currency: null, main: null, competitors: [], summary: null };
    return { ...head, ...presentComparisonDay(date!, rows, order) };
  });
}
