import { upsertDailyMetrics, upsertProducts } from "@/db/queries/product-writes";
import { chunkRawEvents, insertRawEvents, recountRunItems, updateRawEventVerdicts, type RawEventInput } from "@/db/queries/raw-events";
import { tryChunkLock } from "@/db/queries/chunk-lock";
import { addRunCost, claimChunk, completeChunk, failChunk, getChunk, getRun, setRunStatus } from "@/db/queries/runs";
import { recordUsage } from "@/db/queries/usage";
import type { IngestRun, RunChunk } from "@/db/schema";
import { todayUtc } from "@/lib/dates";
import type { Marketplace } from "@/lib/products/marketplaces";
import { normalizeApifyItem } from "@/lib/products/normalize";
import type { DailyMetrics, ProductFacts } from "@/lib/products/types";
import type { Pipeline } from "./pipeline";
import { timeStep } from "./step-timer";

export const MAX_CHUNK_ATTEMPTS = 5;

interface Normalized {
  facts: ProductFacts[];
  metrics: DailyMetrics[];
  events: RawEventInput[];
}

/**
 * Validates and normalizes a chunk's raw items. An item the scraper redirected to another variant
 * (asin ≠ originalAsin) is filed under the ASIN we asked for. A malformed item is kept as
 * rejected with its error; it never fails the chunk.
 */
function normalizeChunk(items: unknown[], chunk: RunChunk, run: IngestRun): Normalized {
  const requested = new Set(chunk.asins);
  const out: Normalized = { facts: [], metrics: [], events: [] };
  for (const payload of items) {
    const record = typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : null;
    const original = typeof record?.originalAsin === "string" ? record.originalAsin.trim().toUpperCase() : null;
    const result = normalizeApifyItem(payload, { date: run.runDate, marketplace: run.marketplace as Marketplace });
    if (result.ok && !requested.has(result.product.asin) && original && requested.has(original)) {
      result.product.asin = original;
      result.metrics.asin = original;
    }
    if (result.ok) {
      out.facts.push(result.product);
      out.metrics.push(result.metrics);
      out.events.push({ asin: result.product.asin, payload, status: "ok", error: null });
    } else {
      out.events.push({ asin: result.asin, payload, status: "rejected", error: result.error });
    }
  }
  return out;
}

/**
 * One chunk: fetch → staging.raw_events (raw JSON kept) → validate + normalize → upsert core on
 * (asin, marketplace, date) → count, atomically. Safe to run twice: a done chunk is skipped; a
 * chunk that crashed after staging reuses what it stored instead of fetching (and paying) again.
 * The call that completes the run's last chunk enqueues finalize.
 */
export async function processChunk(p: Pipeline, input: { runId: string; chunkNo: number }): Promise<void> {
  const run = await getRun(p.db, input.runId);
  if (!run || run.status === "refused" || run.status === "failed") return;
  // A copy of this job running right now (a duplicate delivery) owns the chunk: it finishes it, or
  // fails and is retried through its own message, so this copy has nothing to do.
  const release = await tryChunkLock(p.db, input.runId, input.chunkNo);
  if (!release) return;
  try {
    await processClaimedChunk(p, run, input.chunkNo);
  } finally {
    await release();
  }
}

async function processClaimedChunk(p: Pipeline, run: IngestRun, chunkNo: number): Promise<void> {
  const chunk = await claimChunk(p.db, run.id, chunkNo);
  if (!chunk) {
    // Already done (a duplicate delivery). If the run is complete but was never finalized — the
    // process died right after the last chunk — ask for finalize again; its dedupe id keeps it single.
    if (run.chunksDone === run.chunksTotal && run.status !== "succeeded") await enqueueFinalize(p, run.id);
    return;
  }
  const fields = { chunk_no: chunk.chunkNo, attempt: chunk.attempts, asins: chunk.asins.length };
  try {
    const stored = await chunkRawEvents(p.db, run.id, chunk.chunkNo);
    let normalized: Normalized;
    if (stored.length > 0) {
      normalized = await timeStep(p, run.id, "normalize", fields, async () => normalizeChunk(stored.map((e) => e.payload), chunk, run));
    } else {
      const fetched = await timeStep(p, run.id, "fetch", fields, () =>
        p.source.fetch({ asins: chunk.asins, marketplace: run.marketplace as Marketplace, date: run.runDate }),
      );
      if (fetched.costUsd > 0) {
        await addRunCost(p.db, run.id, fetched.costUsd);
        await recordUsage(p.db, { day: todayUtc(), kind: "apify", amountUsd: fetched.costUsd, runId: run.id, quantity: fetched.items.length, details: { chunk: chunk.chunkNo } });
      }
      normalized = await timeStep(p, run.id, "normalize", fields, async () => normalizeChunk(fetched.items, chunk, run));
      await timeStep(p, run.id, "stage", fields, () => insertRawEvents(p.db, run.id, chunk.chunkNo, normalized.events));
    }
    await timeStep(p, run.id, "load", fields, async () => {
      await upsertProducts(p.db, normalized.facts, run.runDate);
      await upsertDailyMetrics(p.db, normalized.metrics, run.id);
    });
    const rejected = normalized.events.filter((e) => e.status === "rejected").length;
    const { runComplete } = await completeChunk(p.db, run.id, chunk.chunkNo, { ok: normalized.metrics.length, rejected });
    if (runComplete) await enqueueFinalize(p, run.id);
  } catch (error) {
    const final = chunk.attempts >= MAX_CHUNK_ATTEMPTS;
    const message = error instanceof Error ? error.message : String(error);
    await failChunk(p.db, run.id, chunk.chunkNo, message, final, final ? null : new Date(Date.now() + 2 ** chunk.attempts * 500));
    if (final) await setRunStatus(p.db, run.id, "failed", `chunk ${chunk.chunkNo} failed after ${chunk.attempts} attempts: ${message}`);
    throw error;
  }
}

async function enqueueFinalize(p: Pipeline, runId: string): Promise<void> {
  await p.queue.enqueue([{ name: "finalize", payload: { runId }, dedupeId: `${runId}:finalize` }]);
}

/** Replay: re-normalizes a stored chunk from staging (no fetch), rewrites verdicts and core rows. */
export async function renormalizeChunk(p: Pipeline, run: IngestRun, chunkNo: number): Promise<{ ok: number; rejected: number }> {
  const chunk = await getChunk(p.db, run.id, chunkNo);
  if (!chunk) return { ok: 0, rejected: 0 };
  const stored = await chunkRawEvents(p.db, run.id, chunkNo);
  const normalized = await timeStep(p, run.id, "replay", { chunk_no: chunkNo }, async () => normalizeChunk(stored.map((e) => e.payload), chunk, run));
  await updateRawEventVerdicts(p.db, stored.map((e, i) => ({ id: e.id, status: normalized.events[i]!.status, error: normalized.events[i]!.error })));
  await upsertProducts(p.db, normalized.facts, run.runDate);
  await upsertDailyMetrics(p.db, normalized.metrics, run.id);
  await recountRunItems(p.db, run.id);
  const rejected = normalized.events.filter((e) => e.status === "rejected").length;
  return { ok: normalized.metrics.length, rejected };
}
