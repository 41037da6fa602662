// npm run bench:etl — pipeline throughput for N ASIN-days (items pre-generated, so the source costs
// nothing) at N = 5k and 100k on the configured database, rows/s, and the ratio to a plain COPY of
// the same rows into a scratch table in the same run; then alert quality on the generator's
// labelled anomalies. Target (ETL issue): 100k ASIN-days ≤ 60 s on real Postgres.
import { parseArgs } from "node:util";
import { stringify } from "csv-stringify/sync";
import { sql } from "drizzle-orm";
import { findRunByDate } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { ensureWorkspace } from "@/db/queries/workspaces";
import { createPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { generateDemoItem } from "@/jobs/sources/demo/generator";
import { createDemoSource } from "@/jobs/sources/demo-source";
import type { ProductSource } from "@/jobs/sources/source";
import { addDays, todayUtc } from "@/lib/dates";
import { normalizeApifyItem } from "@/lib/products/normalize";
import type { DailyMetrics } from "@/lib/products/types";
import { measureAlertQuality } from "./alert-quality";
import { benchDatabase } from "./etl-database";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "5000,100000" }, concurrency: { type: "string", default: "4" }, "quality-products": { type: "string", default: "200" }, "quality-days": { type: "string", default: "90" } } });
const sizes = values.sizes!.split(",").map(Number);
const concurrency = Number(values.concurrency);
const date = addDays(todayUtc(), -1);
const COLUMNS = ["asin", "marketplace", "date", "price_cents", "list_price_cents", "currency", "bsr", "bsr_category", "rating", "reviews", "buybox_seller", "buybox_price_cents", "in_stock", "offers_count"];

function toCsv(rows: DailyMetrics[]): string {
  const records = rows.map((r) => [r.asin, r.marketplace, r.date, r.priceCents, r.listPriceCents, r.currency, r.bsr, r.bsrCategory, r.rating, r.reviews, r.buyboxSeller, r.buyboxPriceCents, r.inStock, r.offersCount]);
  // Empty cells are NULL to COPY; booleans spelled out so false stays false, not NULL.
  return stringify(records, { cast: { boolean: (value) => String(value) } });
}

const { handle, label, dispose } = await benchDatabase();
console.log(`Shelfwatch ETL benchmark on ${label}, chunk size 100, concurrency ${concurrency}\n`);
try {
  const { id: workspaceId } = await ensureWorkspace(handle.db, "bench", "Bench");
  const lines: string[] = [];
  for (const [i, n] of sizes.entries()) {
    // Each size gets its own marketplace so its run plans exactly its own ASINs.
    const marketplace = (["DE", "FR", "IT", "ES", "UK"] as const)[i]!;
    const catalog = demoCatalog(n, { seed: `bench-${n}` });
    const items = new Map(catalog.map((p) => [p.asin, generateDemoItem(p, date)]));
    await trackProducts(handle.db, workspaceId, catalog.map((p) => ({ asin: p.asin, marketplace })));
    const pregenerated: ProductSource = {
      name: "demo",
      fetch: async ({ asins }) => ({ items: asins.map((a) => items.get(a)), costUsd: 0 }),
      estimateCostUsd: () => 0,
    };
    const pipeline = createPipeline({ db: handle.db, source: pregenerated, concurrency, backfill: true });
    const started = performance.now();
    await planRun(pipeline, { date, marketplace });
    await pipeline.drain!();
    const seconds = (performance.now() - started) / 1000;
    const run = (await findRunByDate(handle.db, date, marketplace))!;
    if (run.status !== "succeeded" || run.itemsOk !== n) throw new Error(`run ended ${run.status} with ${run.itemsOk}/${n} items: ${run.error}`);

    const rows = catalog.map((p) => {
      const result = normalizeApifyItem(items.get(p.asin), { date, marketplace });
      if (!result.ok) throw new Error(result.error);
      return { ...result.metrics, marketplace };
    });
    const csv = toCsv(rows as DailyMetrics[]);
    await handle.db.execute(sql.raw(`create table scratch_${n} (like core.product_metrics_daily including defaults)`));
    const copyStarted = performance.now();
    await handle.copyCsv(`scratch_${n}`, COLUMNS, csv);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const steps = Object.entries(run.stepTimings).map(([k, v]) => `${k} ${(Number(v) / 1000).toFixed(1)}s`).join(", ");
    lines.push(
      `${String(n).padStart(7)} ASIN-days: ${seconds.toFixed(1).padStart(6)} s  ${Math.round(n / seconds).toLocaleString("en-US").padStart(7)} rows/s   plain COPY ${copySeconds.toFixed(2)} s (${Math.round(n / copySeconds).toLocaleString("en-US")} rows/s) → pipeline/COPY ${(seconds / copySeconds).toFixed(1)}×`,
      `           step totals (summed over chunks): ${steps}`,
    );
    console.log(lines.slice(-2).join("\n"));
  }

  // Alert quality: the demo catalogue through the real pipeline, day by day.
  const products = Number(values["quality-products"]);
  const days = Number(values["quality-days"]);
  const catalog = demoCatalog(products);
  await trackProducts(handle.db, workspaceId, catalog.map((p) => ({ asin: p.asin, marketplace: "US" })));
  const pipeline = createPipeline({ db: handle.db, source: createDemoSource(), concurrency, backfill: true });
  const from = addDays(date, -(days - 1));
  const started = performance.now();
  for (let d = 0; d < days; d++) {
    await planRun(pipeline, { date: addDays(from, d), marketplace: "US" });
    await pipeline.drain!();
  }
  const q = await measureAlertQuality(handle.db, catalog, from, date, products * (days - 8));
  console.log(`\nAlert quality: ${products} demo products × ${days} days through the pipeline (${((performance.now() - started) / 1000).toFixed(1)} s), default rules`);
  console.log(`  labelled anomalies: ${q.anomalies}, detected on their day: ${q.detected} → recall ${(q.recall * 100).toFixed(1)} %`);
  console.log(`  alerts: ${q.alerts} (${q.explainedByRoutineEvents} on routine promotions, stock-outs and buy-box spells)`);
  console.log(`  noise (explained by nothing): ${q.noise} → ${q.noisePer100ProductDays.toFixed(2)} per 100 product-days`);
} finally {
  await dispose();
}
