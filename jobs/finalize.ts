import { rebuildProductLatest } from "@/db/queries/product-latest-rebuild";
import { getRun, runAsins, setRunStatus } from "@/db/queries/runs";
import { detectAlerts } from "@/lib/alerts/detect-alerts";
import { bumpVersion } from "@/lib/cache/data-version";
import { daysBetween, todayUtc } from "@/lib/dates";
import { prepareRunNotifications } from "@/lib/notifications/prepare-run-notifications";
import { getProduct } from "@/lib/products/get-product";
import { compareCompetitions } from "./compare-competitions";
import type { Pipeline } from "./pipeline";
import { timeStep } from "./step-timer";

// Snapshots read right after a run are the ones it just changed; warming them spares the first
// readers a database round trip. Bounded so a 100k-ASIN day does not flood the cache at once.
const PREWARM_LIMIT = 500;
// Runs of older days (backfills, replays of history) notify nobody; today's and the last two do.
const NOTIFY_WITHIN_DAYS = 2;

/**
 * After the last chunk: rebuild the mart for the run's ASINs, detect alerts, mark the run
 * succeeded, bump the data version (every instance drops its cached answers) and pre-warm.
 * Idempotent: the mart is derived from core and alerts are unique per (rule, asin, date); `force`
 * re-finalizes a succeeded run (replay).
 */
export async function finalizeRun(p: Pipeline, input: { runId: string; force?: boolean }): Promise<void> {
  const run = await getRun(p.db, input.runId);
  if (!run || run.status === "refused" || run.status === "failed") return;
  if (run.status === "succeeded" && !input.force) return;
  if (run.chunksDone < run.chunksTotal) throw new Error(`run ${run.id} has ${run.chunksTotal - run.chunksDone} chunks left`);
  await setRunStatus(p.db, run.id, "finalizing");

  const asins = await runAsins(p.db, run.id);
  const fields = { date: run.runDate, marketplace: run.marketplace, asins: asins.length };
  await timeStep(p, run.id, "mart", fields, () => rebuildProductLatest(p.db, asins));
  await timeStep(p, run.id, "comparison", fields, () => compareCompetitions(p, { date: run.runDate, marketplace: run.marketplace }));
  const alerts = await timeStep(p, run.id, "alerts", fields, () =>
    detectAlerts(p.db, { runId: run.id, date: run.runDate, marketplace: run.marketplace, asins }),
  );
  // Webhook deliveries and digests are stored before the run is marked succeeded and enqueued
  // after it, so run.completed never arrives before GET /runs/{id} says so; jobs lost to a crash
  // in between are found by the stalled-notification sweep.
  // A backfill of old days records their alerts but does not page anyone about last month.
  const notifications = daysBetween(run.runDate, todayUtc()) <= NOTIFY_WITHIN_DAYS
    ? await timeStep(p, run.id, "notify", fields, () => prepareRunNotifications(p.db, run))
    : [];
  await setRunStatus(p.db, run.id, "succeeded");
  await p.queue.enqueue(notifications);
  await timeStep(p, run.id, "publish", { ...fields, alerts: alerts.created.length }, async () => {
    await bumpVersion("data");
    if (p.backfill) return;
    for (const asin of asins.slice(0, PREWARM_LIMIT)) await getProduct(asin, run.marketplace);
  });
}
