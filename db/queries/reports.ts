import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reports } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export type Report = typeof reports.$inferSelect;

export interface NewReport {
  workspaceId: string;
  competitionId: string;
  model: string;
  facts: unknown;
  trigger: "api" | "weekly";
  dedupeKey?: string;
}

/** Inserts a pending report; with a dedupe key already used by the competition, returns null instead. */
export function insertReport(db: Database, values: NewReport): Promise<Report | null> {
  return timedQuery("app.reports.insert", async () => {
    const [row] = await db
      .insert(reports)
      .values({ ...values, status: "pending" })
      .onConflictDoNothing({ target: [reports.competitionId, reports.dedupeKey] })
      .returning();
    return row ?? null;
  });
}

/** A report of the workspace; without a workspace (a queue job), any report by id. */
export function getReport(db: Database, id: string, workspaceId?: string): Promise<Report | null> {
  return timedQuery("app.reports.get", async () => {
    const [row] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.id, id), workspaceId ? eq(reports.workspaceId, workspaceId) : undefined));
    return row ?? null;
  });
}

/** Moves a pending report to streaming; null when someone else already claimed it (a redelivered job). */
export function claimReport(db: Database, id: string): Promise<Report | null> {
  return timedQuery("app.reports.claim", async () => {
    const [row] = await db
      .update(reports)
      .set({ status: "streaming" })
      .where(and(eq(reports.id, id), eq(reports.status, "pending")))
      .returning();
    return row ?? null;
  });
}

/** Stores the written report; null when it was deleted meanwhile (with its competition). */
export function finishReport(
  db: Database,
  id: string,
  result: { content: string; inputTokens: number; outputTokens: number; costUsd: number; numberCheck: unknown; numberCheckPassed: boolean },
): Promise<Report | null> {
  return timedQuery("app.reports.finish", async () => {
    const [row] = await db
      .update(reports)
      .set({ ...result, costUsd: result.costUsd.toFixed(6), status: "succeeded", error: null, finishedAt: sql`now()` })
      .where(eq(reports.id, id))
      .returning();
    return row ?? null;
  });
}

export function failReport(db: Database, id: string, result: { content: string; error: string; inputTokens: number; outputTokens: number; costUsd: number }): Promise<Report | null> {
  return timedQuery("app.reports.fail", async () => {
    const [row] = await db
      .update(reports)
      .set({ ...result, costUsd: result.costUsd.toFixed(6), status: "failed", finishedAt: sql`now()` })
      .where(eq(reports.id, id))
      .returning();
    return row ?? null;
  });
}

// Creation time in microseconds: an exact keyset key (a JS Date keeps only milliseconds).
const createdMicros = sql<string>`(extract(epoch from ${reports.createdAt}) * 1000000)::bigint::text`;

/** A competition's reports, newest first, keyset-paged on (creation time, id). */
export function listReports(
  db: Database,
  input: { workspaceId: string; competitionId: string; limit: number; before?: { createdMicros: string; id: string } },
): Promise<Array<{ report: Report; createdMicros: string }>> {
  return timedQuery("app.reports.list", () =>
    db
      .select({ report: reports, createdMicros })
      .from(reports)
      .where(
        and(
          eq(reports.workspaceId, input.workspaceId),
          eq(reports.competitionId, input.competitionId),
          input.before ? sql`(${createdMicros}::bigint, ${reports.id}) < (${input.before.createdMicros}::bigint, ${input.before.id}::uuid)` : undefined,
        ),
      )
      .orderBy(sql`${createdMicros}::bigint desc`, desc(reports.id))
      .limit(input.limit + 1),
  );
}
