import "server-only";
import { getDb } from "@/db/client";
import { getReport as getReportRow } from "@/db/queries/reports";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { presentReport } from "./present";

/** One of the workspace's reports with its facts, read through the cache (every status change bumps the workspace). */
export function getReport(input: { workspaceId: string; id: string }): Promise<CacheableBody | null> {
  return readThrough(`report:${input.workspaceId}:${input.id}`, { scopes: [`ws:${input.workspaceId}`] }, async () => {
    const row = await getReportRow(await getDb(), input.id, input.workspaceId);
    return row && presentReport(row);
  });
}
