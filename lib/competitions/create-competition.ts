import "server-only";
import { getDb } from "@/db/client";
import { insertCompetition } from "@/db/queries/competitions";
import { trackProducts } from "@/db/queries/tracking";
import { bumpVersion } from "@/lib/cache/data-version";
import { backfillComparison } from "./backfill-comparison";
import { membersOf } from "./build-comparison";
import { presentCompetition } from "./present";
import type { CompetitionChange } from "./responses";
import type { CompetitionInput } from "./schemas";

/**
 * Creates a competition (input already validated), tracks its ASINs that the workspace does not
 * track yet (so the daily run scrapes them and they show in the product list) and backfills its
 * comparison over the stored history.
 */
export async function createCompetition(input: { workspaceId: string; competition: CompetitionInput }): Promise<CompetitionChange> {
  const db = await getDb();
  const created = await insertCompetition(db, input.workspaceId, input.competition);
  const newlyTracked = await trackProducts(db, input.workspaceId, membersOf(created).map((asin) => ({ asin, marketplace: created.competition.marketplace })));
  const backfilledDays = await backfillComparison(db, created);
  await bumpVersion(`ws:${input.workspaceId}`);
  return { ...presentCompetition(created), newly_tracked: newlyTracked, backfilled_days: backfilledDays };
}
