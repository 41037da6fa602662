import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { competitionMembers, competitions } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

/** Every ASIN in any competition (main and competitors): scraped daily even if nobody tracks it. */
export function listAllCompetitionAsins(db: Database): Promise<Array<{ asin: string; marketplace: string }>> {
  return timedQuery("app.competitions.all_asins", async () => {
    const members = await db
      .selectDistinct({ asin: competitionMembers.asin, marketplace: competitions.marketplace })
      .from(competitionMembers)
      .innerJoin(competitions, eq(competitions.id, competitionMembers.competitionId));
    const mains = await db.selectDistinct({ asin: competitions.mainAsin, marketplace: competitions.marketplace }).from(competitions);
    return [...members, ...mains];
  });
}
