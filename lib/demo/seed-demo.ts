import "server-only";
import type { Database } from "@/db/client";
import { findRunByDate } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { createPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { createDemoSource } from "@/jobs/sources/demo-source";
import { addDays } from "@/lib/dates";

export interface SeedDemoOptions {
  workspaceId: string;
  products: number;
  days: number;
  /** Last day of history (normally yesterday: today's run belongs to the daily schedule). */
  endDate: string;
  onDay?: (date: string, index: number, total: number) => void;
}

/**
 * Tracks the demo catalogue for a workspace and builds any missing days of history through the
 * real pipeline (plan → chunks → staging → core → finalize with alerts), from the demo source.
 * Days whose run already succeeded are skipped, so running it again only adds what is new.
 */
export async function seedDemo(db: Database, opts: SeedDemoOptions): Promise<{ daysWritten: number; rejected: number }> {
  const catalog = demoCatalog(opts.products);
  await trackProducts(db, opts.workspaceId, catalog.map((p) => ({ asin: p.asin, marketplace: "US" })));
  const pipeline = createPipeline({ db, source: createDemoSource(), backfill: true });

  const dates = Array.from({ length: opts.days }, (_, i) => addDays(opts.endDate, i - opts.days + 1));
  const missing = [];
  for (const date of dates) if ((await findRunByDate(db, date, "US"))?.status !== "succeeded") missing.push(date);

  let rejected = 0;
  for (const [index, date] of missing.entries()) {
    const planned = await planRun(pipeline, { date, marketplace: "US" });
    await pipeline.drain!();
    const run = await findRunByDate(db, date, "US");
    if (run?.status !== "succeeded") throw new Error(`demo run for ${date} ended ${run?.status ?? "missing"}: ${run?.error ?? ""} (run ${planned.id})`);
    rejected += run.itemsRejected;
    opts.onDay?.(date, index, missing.length);
  }
  return { daysWritten: missing.length, rejected };
}
