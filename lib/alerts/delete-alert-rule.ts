import "server-only";
import { getDb } from "@/db/client";
import { deleteAlertRule as deleteAlertRuleRow } from "@/db/queries/alert-rules";
import { bumpVersion } from "@/lib/cache/data-version";
import { NotFound } from "@/lib/http/errors";

/** Deletes one of the workspace's rules with its alerts (cascade), so cached alert lists are bumped. */
export async function deleteAlertRule(input: { workspaceId: string; id: string }): Promise<void> {
  if (!(await deleteAlertRuleRow(await getDb(), input.workspaceId, input.id))) throw new NotFound(`No alert rule ${input.id}.`);
  await bumpVersion(`ws:${input.workspaceId}`);
}
