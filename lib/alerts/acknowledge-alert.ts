import "server-only";
import { getDb } from "@/db/client";
import { acknowledgeAlert as acknowledgeAlertRow } from "@/db/queries/alerts";
import type { Principal } from "@/lib/auth/roles";
import { bumpVersion } from "@/lib/cache/data-version";
import { NotFound } from "@/lib/http/errors";
import { presentAlert } from "./present";

/**
 * Acknowledges one of the caller's workspace's alerts. Idempotent: a second call returns the alert
 * as the first left it. Another workspace's alert is a 404, indistinguishable from an unknown id.
 */
export async function acknowledgeAlert(input: { principal: Principal; id: string }) {
  const { principal } = input;
  const by = principal.userId ? `user:${principal.userId}` : principal.apiKeyId ? `api_key:${principal.apiKeyId}` : null;
  const row = await acknowledgeAlertRow(await getDb(), { workspaceId: principal.workspaceId, id: input.id, by });
  if (!row) throw new NotFound(`No alert ${input.id}.`);
  // Cached alert lists of the workspace must show the new status at once.
  await bumpVersion(`ws:${principal.workspaceId}`);
  return presentAlert(row);
}
