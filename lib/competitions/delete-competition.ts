import "server-only";
import { getDb } from "@/db/client";
import { deleteCompetition as deleteCompetitionRow } from "@/db/queries/competitions";
import { bumpVersion } from "@/lib/cache/data-version";
import { NotFound } from "@/lib/http/errors";

/**
 * Deletes one of the workspace's competitions with its comparison rows and reports (cascade). Its
 * ASINs stay tracked: the workspace may watch them for other reasons; DELETE /products/{asin} stops that.
 */
export async function deleteCompetition(input: { workspaceId: string; id: string }): Promise<void> {
  if (!(await deleteCompetitionRow(await getDb(), input.workspaceId, input.id))) throw new NotFound(`No competition ${input.id}.`);
  await bumpVersion(`ws:${input.workspaceId}`);
}
