import { listAllCompetitionAsins } from "@/db/queries/competitors";
import { insertChunks, setRunStatus, upsertRun } from "@/db/queries/runs";
import { listAllTrackedAsins } from "@/db/queries/tracking";
import { spentOn } from "@/db/queries/usage";
import type { IngestRun } from "@/db/schema";
import { config } from "@/lib/config/env";
import { todayUtc } from "@/lib/dates";
import type { Marketplace } from "@/lib/products/marketplaces";
import type { Pipeline } from "./pipeline";
import { timeStep } from "./step-timer";

/**
 * Plans the run of (date, marketplace): one run per pair, so asking twice returns the same run.
 * Scrapes every ASIN tracked by any workspace or named in any competition, deduplicated and split
 * into chunks, unless the estimated spend would pass today's Apify budget (the run is then
 * refused, with the reason on the run).
 */
export async function planRun(p: Pipeline, input: { date: string; marketplace: Marketplace }): Promise<IngestRun> {
  const { run, created } = await upsertRun(p.db, { runDate: input.date, marketplace: input.marketplace, source: p.source.name });
  if (!created && run.status !== "planned") return run;

  const chunks = await timeStep(p, run.id, "plan", { date: input.date, marketplace: input.marketplace }, async () => {
    const wanted = [...(await listAllTrackedAsins(p.db)), ...(await listAllCompetitionAsins(p.db))]
      .filter((r) => r.marketplace === input.marketplace)
      .map((r) => r.asin);
    const asins = [...new Set(wanted)].sort();

    const budget = config().budgets.apifyDailyUsd;
    const estimate = p.source.estimateCostUsd(asins.length);
    const spent = estimate > 0 ? await spentOn(p.db, todayUtc(), "apify") : 0;
    if (spent + estimate > budget) {
      const reason = `Refused: Apify spend today is $${spent.toFixed(2)}; this run of ${asins.length} ASINs is estimated at $${estimate.toFixed(2)}, which would pass DAILY_APIFY_BUDGET_USD ($${budget.toFixed(2)}).`;
      await setRunStatus(p.db, run.id, "refused", reason);
      return null;
    }
    const size = config().etl.chunkSize;
    const planned: string[][] = [];
    for (let i = 0; i < asins.length; i += size) planned.push(asins.slice(i, i + size));
    await insertChunks(p.db, run.id, planned);
    return planned;
  });

  if (chunks === null) return { ...run, status: "refused" };
  if (chunks.length === 0) {
    // Nothing to scrape: finalize at once so the day still gets its mart, alerts and version bump.
    await p.queue.enqueue([{ name: "finalize", payload: { runId: run.id }, dedupeId: `${run.id}:finalize` }]);
  } else {
    await p.queue.enqueue(chunks.map((_, chunkNo) => ({ name: "chunk" as const, payload: { runId: run.id, chunkNo }, dedupeId: `${run.id}:${chunkNo}` })));
  }
  return { ...run, status: "running", chunksTotal: chunks.length };
}
