import "server-only";
import { getDb } from "@/db/client";
import { untrackProduct as deleteTrackedProduct } from "@/db/queries/tracking";
import { bumpVersion } from "@/lib/cache/data-version";
import { NotFound } from "@/lib/http/errors";

/** Stops tracking one product. Not tracked by this workspace (or by another one only) is a 404. */
export async function untrackProduct(input: { workspaceId: string; asin: string; marketplace: string }): Promise<void> {
  if (!(await deleteTrackedProduct(await getDb(), input.workspaceId, input.asin, input.marketplace))) {
    throw new NotFound(`The workspace does not track ${input.asin} in marketplace ${input.marketplace}.`);
  }
  await bumpVersion(`ws:${input.workspaceId}`);
}
