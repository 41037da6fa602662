import "server-only";
import { getDb } from "@/db/client";
import { deleteWebhook as deleteWebhookRow } from "@/db/queries/webhooks";
import { NotFound } from "@/lib/http/errors";

/** Removes an endpoint with its delivery log; pending retries find nothing and stop. */
export async function deleteWebhook(input: { workspaceId: string; id: string }): Promise<void> {
  if (!(await deleteWebhookRow(await getDb(), input.workspaceId, input.id))) throw new NotFound("No such webhook in this workspace.");
}
