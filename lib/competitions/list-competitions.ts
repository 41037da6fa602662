import "server-only";
import { getDb } from "@/db/client";
import { listCompetitions as listCompetitionRows } from "@/db/queries/competitions";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { decodeCreatedCursor, encodeCreatedCursor } from "./keyset-cursor";
import { presentCompetition } from "./present";
import type { CompetitionPage } from "./responses";

/** A page of the workspace's competitions, oldest first, read through the cache. */
export async function listCompetitions(input: { workspaceId: string; limit: number; cursor?: string }): Promise<CacheableBody> {
  const after = input.cursor ? decodeCreatedCursor(input.cursor) : undefined;
  const key = `competitions:${input.workspaceId}:${input.limit}:${input.cursor ?? ""}`;
  const page = await readThrough(key, { scopes: [`ws:${input.workspaceId}`] }, async (): Promise<CompetitionPage> => {
    const rows = await listCompetitionRows(await getDb(), { workspaceId: input.workspaceId, limit: input.limit, after });
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    return {
      items: items.map(presentCompetition),
      next_cursor: rows.length > input.limit && last ? encodeCreatedCursor({ createdMicros: last.createdMicros, id: last.competition.id }) : null,
    };
  });
  return page!;
}
