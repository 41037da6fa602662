import type { IngestRun } from "@/db/schema";
import type { RunView } from "./responses";

export function presentRun(run: IngestRun): RunView {
  return {
    id: run.id,
    date: run.runDate,
    marketplace: run.marketplace,
    source: run.source,
    status: run.status,
    chunks: { done: run.chunksDone, total: run.chunksTotal },
    items: { ok: run.itemsOk, rejected: run.itemsRejected },
    cost_usd: Number(run.costUsd),
    step_timings_ms: run.stepTimings,
    error: run.error,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_ms: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
  };
}
