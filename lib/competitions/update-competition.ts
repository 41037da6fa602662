import "server-only";
import { getDb } from "@/db/client";
import { getCompetition, updateCompetition as updateCompetitionRow } from "@/db/queries/competitions";
import { trackProducts } from "@/db/queries/tracking";
import { bumpVersion } from "@/lib/cache/data-version";
import { Invalid, NotFound } from "@/lib/http/errors";
import { backfillComparison } from "./backfill-comparison";
import { membersOf } from "./build-comparison";
import { presentCompetition } from "./present";
import type { CompetitionChange } from "./responses";
import { memberErrors, type CompetitionInput } from "./schemas";

/**
 * Applies a partial change to one of the workspace's competitions; the merged member set must be
 * valid. A change of members tracks the new ASINs and rebuilds the comparison history.
 */
export async function updateCompetition(input: { workspaceId: string; id: string; patch: Partial<Omit<CompetitionInput, "marketplace">> }): Promise<CompetitionChange> {
  const { workspaceId, id, patch } = input;
  const db = await getDb();
  const existing = await getCompetition(db, workspaceId, id);
  if (!existing) throw new NotFound(`No competition ${id}.`);
  const mainAsin = patch.mainAsin ?? existing.competition.mainAsin;
  const errors = memberErrors(mainAsin, patch.competitorAsins ?? existing.competitorAsins);
  if (errors.length > 0) {
    // A clash caused by a new main ASIN alone is reported on main_asin, the field that was sent.
    const reported = patch.competitorAsins ? errors : [{ path: "body.main_asin", message: `${mainAsin} is already a competitor` }];
    throw new Invalid(`Invalid body: ${reported.map((e) => `${e.path} ${e.message}`).join("; ")}`, reported);
  }
  if (Object.keys(patch).length === 0) return { ...presentCompetition(existing), newly_tracked: 0, backfilled_days: 0 };

  const updated = await updateCompetitionRow(db, workspaceId, id, patch);
  if (!updated) throw new NotFound(`No competition ${id}.`);
  const membersChanged = membersOf(updated).join() !== membersOf(existing).join();
  let newlyTracked = 0;
  let backfilledDays = 0;
  if (membersChanged) {
    newlyTracked = await trackProducts(db, workspaceId, membersOf(updated).map((asin) => ({ asin, marketplace: updated.competition.marketplace })));
    backfilledDays = await backfillComparison(db, updated);
  }
  await bumpVersion(`ws:${workspaceId}`);
  return { ...presentCompetition(updated), newly_tracked: newlyTracked, backfilled_days: backfilledDays };
}
