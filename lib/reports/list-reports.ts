import "server-only";
import { getDb } from "@/db/client";
import { getCompetition } from "@/db/queries/competitions";
import { listReports as listReportRows } from "@/db/queries/reports";
import { readThrough } from "@/lib/cache/read-through";
import { decodeCreatedCursor, encodeCreatedCursor } from "@/lib/competitions/keyset-cursor";
import type { CacheableBody } from "@/lib/http/responses";
import { presentReport } from "./present";
import type { ReportPage } from "./responses";

/** A page of a competition's reports, newest first, without their facts; null when the workspace has no such competition. */
export function listReports(input: { workspaceId: string; competitionId: string; limit: number; cursor?: string }): Promise<CacheableBody | null> {
  const before = input.cursor ? decodeCreatedCursor(input.cursor) : undefined;
  const key = `reports:${input.workspaceId}:${input.competitionId}:${input.limit}:${input.cursor ?? ""}`;
  return readThrough(key, { scopes: [`ws:${input.workspaceId}`] }, async (): Promise<ReportPage | null> => {
    const db = await getDb();
    if (!(await getCompetition(db, input.workspaceId, input.competitionId))) return null;
    const rows = await listReportRows(db, { workspaceId: input.workspaceId, competitionId: input.competitionId, limit: input.limit, before });
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => presentReport(r.report, { facts: false })),
      next_cursor: rows.length > input.limit && last ? encodeCreatedCursor({ createdMicros: last.createdMicros, id: last.report.id }) : null,
    };
  });
}
