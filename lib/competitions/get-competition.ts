import "server-only";
import { getDb } from "@/db/client";
import { getCompetition as getCompetitionRow } from "@/db/queries/competitions";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { presentCompetition } from "./present";

/** One of the workspace's competitions, read through the cache; null when the workspace has no such competition. */
export function getCompetition(input: { workspaceId: string; id: string }): Promise<CacheableBody | null> {
  return readThrough(`competition:${input.workspaceId}:${input.id}`, { scopes: [`ws:${input.workspaceId}`] }, async () => {
    const row = await getCompetitionRow(await getDb(), input.workspaceId, input.id);
    return row && presentCompetition(row);
  });
}
