import { findRunByDate } from "@/db/queries/runs";
import type { Marketplace } from "@/lib/products/marketplaces";
import { renormalizeChunk } from "./chunk";
import { finalizeRun } from "./finalize";
import type { Pipeline } from "./pipeline";

/**
 * Re-normalizes a stored day from staging.raw_events without fetching (after a normalizer fix),
 * then finalizes it again. Returns null when the day has no run.
 */
export async function replayDay(p: Pipeline, input: { date: string; marketplace: Marketplace }, onChunk?: (done: number, total: number) => void) {
  const run = await findRunByDate(p.db, input.date, input.marketplace);
  if (!run) return null;
  let ok = 0;
  let rejected = 0;
  for (let chunkNo = 0; chunkNo < run.chunksTotal; chunkNo++) {
    const counts = await renormalizeChunk(p, run, chunkNo);
    ok += counts.ok;
    rejected += counts.rejected;
    onChunk?.(chunkNo + 1, run.chunksTotal);
  }
  await finalizeRun(p, { runId: run.id, force: true });
  return { runId: run.id, ok, rejected };
}
