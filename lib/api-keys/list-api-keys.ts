import "server-only";
import { getDb } from "@/db/client";
import { listApiKeys as listApiKeyRows } from "@/db/queries/api-keys";
// The same (creation µs, id) keyset cursor as competitions and reports.
import { decodeCreatedCursor, encodeCreatedCursor } from "@/lib/competitions/keyset-cursor";
import { presentApiKey } from "./present";

/** The workspace's keys, oldest first, without the keys themselves. */
export async function listApiKeys(input: { workspaceId: string; limit: number; cursor?: string }) {
  const after = input.cursor ? decodeCreatedCursor(input.cursor) : undefined;
  const rows = await listApiKeyRows(await getDb(), { workspaceId: input.workspaceId, limit: input.limit, after });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentApiKey),
    next_cursor: rows.length > input.limit && last ? encodeCreatedCursor(last) : null,
  };
}
