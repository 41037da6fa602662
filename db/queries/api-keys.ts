import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, type Role } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  role: Role;
  keyHash: string;
}

export function findApiKeyByHash(db: Database, keyHash: string): Promise<ApiKeyRecord | null> {
  return timedQuery("api_keys.find_by_hash", async () => {
    const [row] = await db
      .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, role: apiKeys.role, keyHash: apiKeys.keyHash })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, keyHash))
      .limit(1);
    return row ?? null;
  });
}

export function insertApiKey(
  db: Database,
  key: { workspaceId: string; name: string; role: Role; keyHash: string; prefix: string; createdBy?: string },
): Promise<{ id: string }> {
  return timedQuery("api_keys.insert", async () => {
    const [row] = await db.insert(apiKeys).values(key).returning({ id: apiKeys.id });
    return row!;
  });
}

/** Inserts the key unless a key with this hash exists; returns the key's id either way. */
export function ensureApiKey(
  db: Database,
  key: { workspaceId: string; name: string; role: Role; keyHash: string; prefix: string },
): Promise<{ id: string; created: boolean }> {
  return timedQuery("api_keys.ensure", async () => {
    const [inserted] = await db.insert(apiKeys).values(key).onConflictDoNothing().returning({ id: apiKeys.id });
    if (inserted) return { id: inserted.id, created: true };
    const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, key.keyHash));
    return { id: existing!.id, created: false };
  });
}

export function touchApiKey(db: Database, id: string): Promise<void> {
  return timedQuery("api_keys.touch", async () => {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, id));
  });
}

export interface ApiKeyListing {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Creation time in µs since the epoch (text): the keyset position for the next page. */
  createdMicros: string;
}

const createdMicros = sql<string>`(extract(epoch from ${apiKeys.createdAt}) * 1000000)::bigint::text`;

/** One page (plus one row to tell whether more follow) of the workspace's keys, oldest first. */
export function listApiKeys(
  db: Database,
  input: { workspaceId: string; limit: number; after?: { createdMicros: string; id: string } },
): Promise<ApiKeyListing[]> {
  return timedQuery("api_keys.list", () =>
    db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        role: apiKeys.role,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        createdMicros,
      })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.workspaceId, input.workspaceId),
          input.after ? sql`(${createdMicros}::bigint, ${apiKeys.id}) > (${input.after.createdMicros}::bigint, ${input.after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(sql`${createdMicros}::bigint`, asc(apiKeys.id))
      .limit(input.limit + 1),
  );
}

/** Deletes one of the workspace's keys; false when there is no such key in this workspace. */
export function deleteApiKey(db: Database, workspaceId: string, id: string): Promise<boolean> {
  return timedQuery("api_keys.delete", async () => {
    const rows = await db
      .delete(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId)))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  });
}
