import "server-only";
import { getDb } from "@/db/client";
import { insertApiKey } from "@/db/queries/api-keys";
import { displayPrefix, generateApiKey, hashApiKey } from "@/lib/auth/api-key-secret";
import type { CreatedApiKey } from "./responses";
import type { CreateApiKeyBody } from "./schemas";

/** A new key for the workspace. The key is returned this once; only its sha-256 is stored. */
export async function createApiKey(input: { workspaceId: string; createdBy?: string; key: CreateApiKeyBody }): Promise<CreatedApiKey> {
  const key = generateApiKey();
  const prefix = displayPrefix(key);
  const { id } = await insertApiKey(await getDb(), {
    workspaceId: input.workspaceId,
    name: input.key.name,
    role: input.key.role,
    keyHash: hashApiKey(key),
    prefix,
    createdBy: input.createdBy,
  });
  return { id, key, name: input.key.name, role: input.key.role, prefix };
}
