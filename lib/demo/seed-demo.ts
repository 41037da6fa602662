import "server-only";
import type { Database } from "@/db/client";
import { rebuildProductLatest } from "@/db/queries/product-latest-rebuild";
import { upsertDailyMetrics, upsertProducts } from "@/db/queries/product-writes";
import { countMetricsByDate } from "@/db/queries/seed-progress";
import { trackProducts } from "@/db/queries/tracking";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { generateDemoItem } from "@/jobs/sources/demo/generator";
import { addDays } from "@/lib/dates";
import { normalizeApifyItem } from "@/lib/products/normalize";
import type { DailyMetrics, ProductFacts } from "@/lib/products/types";

export interface SeedDemoOptions {
  workspaceId: string;
  products: number;
  days: number;
  /** Last day of history (normally yesterday: today's scrape has not run yet). */
  endDate: string;
  onDay?: (date: string, index: number, total: number) => void;
}

/**
 * Tracks the demo catalogue for a workspace and fills any missing days of its history from the
 * generator, through the same normalizer real scrapes use, then rebuilds the mart. Days already
 * stored are skipped, so running it again (or a day later) only adds what is new.
 */
export async function seedDemo(db: Database, opts: SeedDemoOptions): Promise<{ daysWritten: number; rejected: number }> {
  const catalog = demoCatalog(opts.products);
  const asins = catalog.map((p) => p.asin);
  await trackProducts(db, opts.workspaceId, asins.map((asin) => ({ asin, marketplace: "US" })));

  const from = addDays(opts.endDate, -(opts.days - 1));
  const present = await countMetricsByDate(db, asins, "US", from, opts.endDate);
  const missing = Array.from({ length: opts.days }, (_, i) => addDays(from, i)).filter((d) => (present.get(d) ?? 0) < asins.length);

  let rejected = 0;
  for (const [index, date] of missing.entries()) {
    const facts: ProductFacts[] = [];
    const metrics: DailyMetrics[] = [];
    for (const product of catalog) {
      const result = normalizeApifyItem(generateDemoItem(product, date), { date, marketplace: "US" });
      if (!result.ok) {
        rejected += 1;
        continue;
      }
      facts.push(result.product);
      metrics.push(result.metrics);
    }
    await upsertProducts(db, facts, date);
    await upsertDailyMetrics(db, metrics);
    opts.onDay?.(date, index, missing.length);
  }
  if (missing.length > 0) await rebuildProductLatest(db, asins);
  return { daysWritten: missing.length, rejected };
}
