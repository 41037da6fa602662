import "server-only";
import { getDb } from "@/db/client";
import { deleteApiKey as deleteApiKeyRow } from "@/db/queries/api-keys";
import { revokeCachedApiKeys } from "@/lib/auth/resolve-api-key";
import { NotFound } from "@/lib/http/errors";

/** Deletes one of the workspace's keys; the key is refused (401) from the next request on, on every instance. */
export async function deleteApiKey(input: { workspaceId: string; id: string }): Promise<void> {
  if (!(await deleteApiKeyRow(await getDb(), input.workspaceId, input.id))) throw new NotFound(`No API key ${input.id}.`);
  await revokeCachedApiKeys();
}
