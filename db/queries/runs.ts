import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ingestRuns, runChunks, type IngestRun, type RunChunk } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

/** The run of (date, marketplace), created if missing: asking for the same day twice gives the same run. */
export function upsertRun(db: Database, run: { runDate: string; marketplace: string; source: string }): Promise<{ run: IngestRun; created: boolean }> {
  return timedQuery("staging.runs.upsert", async () => {
    const [inserted] = await db.insert(ingestRuns).values(run).onConflictDoNothing().returning();
    if (inserted) return { run: inserted, created: true };
    const [existing] = await db
      .select()
      .from(ingestRuns)
      .where(and(eq(ingestRuns.runDate, run.runDate), eq(ingestRuns.marketplace, run.marketplace)));
    return { run: existing!, created: false };
  });
}

export function getRun(db: Database, id: string): Promise<IngestRun | null> {
  return timedQuery("staging.runs.get", async () => {
    const [row] = await db.select().from(ingestRuns).where(eq(ingestRuns.id, id));
    return row ?? null;
  });
}

export function findRunByDate(db: Database, runDate: string, marketplace: string): Promise<IngestRun | null> {
  return timedQuery("staging.runs.find_by_date", async () => {
    const [row] = await db.select().from(ingestRuns).where(and(eq(ingestRuns.runDate, runDate), eq(ingestRuns.marketplace, marketplace)));
    return row ?? null;
  });
}

/** Newest day first, keyset-paged on (run_date desc, marketplace). */
export function listRuns(db: Database, input: { limit: number; after?: { runDate: string; marketplace: string } }): Promise<IngestRun[]> {
  return timedQuery("staging.runs.list", () =>
    db
      .select()
      .from(ingestRuns)
      .where(
        input.after
          ? or(lt(ingestRuns.runDate, input.after.runDate), and(eq(ingestRuns.runDate, input.after.runDate), gt(ingestRuns.marketplace, input.after.marketplace)))
          : undefined,
      )
      .orderBy(desc(ingestRuns.runDate), asc(ingestRuns.marketplace))
      .limit(input.limit + 1),
  );
}

/** Writes the chunk plan once (a re-plan of the same run changes nothing) and the run's chunk total. */
export function insertChunks(db: Database, runId: string, chunks: string[][]): Promise<void> {
  return timedQuery("staging.run_chunks.insert", async () => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < chunks.length; i += 500) {
        await tx
          .insert(runChunks)
          .values(chunks.slice(i, i + 500).map((asins, j) => ({ runId, chunkNo: i + j, asins })))
          .onConflictDoNothing();
      }
      await tx
        .update(ingestRuns)
        .set({ chunksTotal: sql`(select count(*)::int from ${runChunks} where ${runChunks.runId} = ${runId})`, status: "running", startedAt: sql`coalesce(${ingestRuns.startedAt}, now())` })
        .where(and(eq(ingestRuns.id, runId), eq(ingestRuns.status, "planned")));
    });
  });
}

export function setRunStatus(db: Database, runId: string, status: IngestRun["status"], error?: string): Promise<void> {
  return timedQuery("staging.runs.set_status", async () => {
    const finished = status === "succeeded" || status === "failed" || status === "refused";
    await db
      .update(ingestRuns)
      .set({ status, error: error ?? null, ...(finished ? { finishedAt: new Date() } : {}) })
      .where(eq(ingestRuns.id, runId));
  });
}

/** Adds milliseconds to a step's total (chunks run in parallel, so fetch/normalize times add up). */
export function addStepTiming(db: Database, runId: string, step: string, ms: number): Promise<void> {
  return timedQuery("staging.runs.add_timing", async () => {
    await db
      .update(ingestRuns)
      .set({ stepTimings: sql`${ingestRuns.stepTimings} || jsonb_build_object(${step}::text, coalesce((${ingestRuns.stepTimings}->>${step}::text)::numeric, 0) + ${Math.round(ms)})` })
      .where(eq(ingestRuns.id, runId));
  });
}

export function addRunCost(db: Database, runId: string, usd: number): Promise<void> {
  return timedQuery("staging.runs.add_cost", async () => {
    await db.update(ingestRuns).set({ costUsd: sql`${ingestRuns.costUsd} + ${usd.toFixed(6)}::numeric` }).where(eq(ingestRuns.id, runId));
  });
}

export function getChunk(db: Database, runId: string, chunkNo: number): Promise<RunChunk | null> {
  return timedQuery("staging.run_chunks.get", async () => {
    const [row] = await db.select().from(runChunks).where(and(eq(runChunks.runId, runId), eq(runChunks.chunkNo, chunkNo)));
    return row ?? null;
  });
}

/** Marks a chunk running and counts the attempt; null when it is already done (a duplicate delivery). */
export function claimChunk(db: Database, runId: string, chunkNo: number): Promise<RunChunk | null> {
  return timedQuery("staging.run_chunks.claim", async () => {
    const [row] = await db
      .update(runChunks)
      .set({ status: "running", attempts: sql`${runChunks.attempts} + 1`, startedAt: new Date(), error: null })
      .where(and(eq(runChunks.runId, runId), eq(runChunks.chunkNo, chunkNo), sql`${runChunks.status} <> 'done'`))
      .returning();
    return row ?? null;
  });
}

/**
 * Marks a chunk done and adds its counts to the run, atomically and once: a duplicate delivery
 * finds the chunk done and adds nothing. Returns whether this call completed the run's last chunk.
 */
export function completeChunk(db: Database, runId: string, chunkNo: number, counts: { ok: number; rejected: number }): Promise<{ completed: boolean; runComplete: boolean }> {
  return timedQuery("staging.run_chunks.complete", () =>
    db.transaction(async (tx) => {
      const done = await tx
        .update(runChunks)
        .set({ status: "done", itemsOk: counts.ok, itemsRejected: counts.rejected, finishedAt: new Date(), error: null, nextAttemptAt: null })
        .where(and(eq(runChunks.runId, runId), eq(runChunks.chunkNo, chunkNo), sql`${runChunks.status} <> 'done'`))
        .returning({ chunkNo: runChunks.chunkNo });
      if (done.length === 0) return { completed: false, runComplete: false };
      const [run] = await tx
        .update(ingestRuns)
        .set({
          chunksDone: sql`${ingestRuns.chunksDone} + 1`,
          itemsOk: sql`${ingestRuns.itemsOk} + ${counts.ok}`,
          itemsRejected: sql`${ingestRuns.itemsRejected} + ${counts.rejected}`,
        })
        .where(eq(ingestRuns.id, runId))
        .returning({ done: ingestRuns.chunksDone, total: ingestRuns.chunksTotal });
      return { completed: true, runComplete: run!.done === run!.total };
    }),
  );
}

export function failChunk(db: Database, runId: string, chunkNo: number, error: string, final: boolean, nextAttemptAt: Date | null): Promise<void> {
  return timedQuery("staging.run_chunks.fail", async () => {
    await db
      .update(runChunks)
      .set({ status: final ? "failed" : "pending", error: error.slice(0, 2000), nextAttemptAt })
      .where(and(eq(runChunks.runId, runId), eq(runChunks.chunkNo, chunkNo), sql`${runChunks.status} <> 'done'`));
  });
}

/** Every ASIN of a run, from its chunk plan. */
export function runAsins(db: Database, runId: string): Promise<string[]> {
  return timedQuery("staging.run_chunks.asins", async () => {
    const rows = await db.select({ asins: runChunks.asins }).from(runChunks).where(eq(runChunks.runId, runId));
    return rows.flatMap((r) => r.asins);
  });
}

/** Runs a restarted process must pick up: planned, running or finalizing, with their unfinished chunks. */
export function unfinishedWork(db: Database): Promise<Array<{ run: IngestRun; pendingChunks: number[] }>> {
  return timedQuery("staging.runs.unfinished", async () => {
    const runs = await db.select().from(ingestRuns).where(sql`${ingestRuns.status} in ('running', 'finalizing')`);
    const result = [];
    for (const run of runs) {
      const chunks = await db
        .select({ chunkNo: runChunks.chunkNo })
        .from(runChunks)
        .where(and(eq(runChunks.runId, run.id), sql`${runChunks.status} in ('pending', 'running')`));
      result.push({ run, pendingChunks: chunks.map((c) => c.chunkNo) });
    }
    return result;
  });
}
