import type { Database } from "@/db/client";
import { comparisonBetween, latestComparisonDate } from "@/db/queries/comparison";
import type { CompetitionWithMembers } from "@/db/queries/competitions";
import { buildReportFacts, type ReportFacts } from "./facts";

/** The facts of a competition's latest compared day, read from the mart only. */
export async function loadReportFacts(db: Database, c: CompetitionWithMembers): Promise<ReportFacts> {
  const date = await latestComparisonDate(db, c.competition.id);
  const rows = date ? await comparisonBetween(db, c.competition.id, date, date) : [];
  return buildReportFacts(
    { id: c.competition.id, name: c.competition.name, marketplace: c.competition.marketplace, main_asin: c.competition.mainAsin, competitor_asins: c.competitorAsins },
    rows,
  );
}
