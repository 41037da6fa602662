import "server-only";
import { getComparison } from "@/lib/competitions/get-comparison";
import { getCompetition } from "@/lib/competitions/get-competition";
import type { ComparisonDay, presentCompetition } from "@/lib/competitions/present";
import { addDays, todayUtc } from "@/lib/dates";
import { listReports } from "@/lib/reports/list-reports";
import type { ReportRow } from "@/components/competitions/report-panel";
import { bodyOf } from "./cached-body";

export const COMPARISON_DAYS = 90;
const REPORTS_SHOWN = 20;

type Competition = ReturnType<typeof presentCompetition>;
type SeriesRow = Record<string, string | number | null>;

/** Day-by-day values of every member, one column per ASIN, for the charts of the set. */
function pivot(days: ComparisonDay[], read: (m: { price: number | null; bsr: number | null; rating: number | null; reviews: number | null }) => number | null): SeriesRow[] {
  return days.map((d) => {
    const row: SeriesRow = { date: d.date };
    if (d.main) row[d.main.asin] = read(d.main);
    for (const c of d.competitors) row[c.asin] = read(c);
    return row;
  });
}

/**
 * A competition with its latest compared day, the last 90 days of the set and its newest reports,
 * read in parallel (all through the API's cache). Null when the workspace has no such competition.
 */
export async function loadCompetitionPage(input: { workspaceId: string; id: string }) {
  const to = todayUtc();
  const [competition, reports, latest, range] = await Promise.all([
    getCompetition(input),
    listReports({ workspaceId: input.workspaceId, competitionId: input.id, limit: REPORTS_SHOWN }),
    getComparison({ ...input, query: { mode: "day" } }),
    getComparison({ ...input, query: { mode: "range", from: addDays(to, -(COMPARISON_DAYS - 1)), to } }),
  ]);
  const c = bodyOf<Competition>(competition);
  if (!c) return null;
  const day = bodyOf<ComparisonDay & { main: ComparisonDay["main"] | null }>(latest);
  const days = bodyOf<{ days: ComparisonDay[] }>(range)?.days ?? [];
  return {
    competition: c,
    reports: bodyOf<{ items: ReportRow[] }>(reports)?.items ?? [],
    latest: day?.main || day?.competitors.length ? day : null,
    currency: day?.currency ?? days.find((d) => d.currency)?.currency ?? null,
    series: { price: pivot(days, (m) => m.price), bsr: pivot(days, (m) => m.bsr), rating: pivot(days, (m) => m.rating), reviews: pivot(days, (m) => m.reviews) },
  };
}
