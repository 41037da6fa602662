import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { productMetricsDaily, products } from "@/db/schema";
import type { DailyMetrics, ProductFacts } from "@/lib/products/types";
import { timedQuery } from "@/lib/observability/metrics";

// Postgres caps a statement at 65,535 parameters; rows are written in batches well under it.
const BATCH_ROWS = 1000;

function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) out.push(rows.slice(i, i + BATCH_ROWS));
  return out;
}

/** Upserts product facts seen on `date`; a later scrape refreshes title, brand, image. */
export function upsertProducts(db: Database, facts: ProductFacts[], date: string): Promise<void> {
  return timedQuery("core.upsert_products", async () => {
    const unique = [...new Map(facts.map((f) => [`${f.asin}:${f.marketplace}`, f])).values()];
    for (const batch of batches(unique)) {
      await db
        .insert(products)
        .values(batch.map((f) => ({ ...f, firstSeenDate: date, lastSeenDate: date })))
        .onConflictDoUpdate({
          target: [products.asin, products.marketplace],
          set: {
            title: sql`coalesce(excluded.title, ${products.title})`,
            brand: sql`coalesce(excluded.brand, ${products.brand})`,
            category: sql`coalesce(excluded.category, ${products.category})`,
            imageUrl: sql`coalesce(excluded.image_url, ${products.imageUrl})`,
            url: sql`coalesce(excluded.url, ${products.url})`,
            firstSeenDate: sql`least(${products.firstSeenDate}, excluded.first_seen_date)`,
            lastSeenDate: sql`greatest(${products.lastSeenDate}, excluded.last_seen_date)`,
            updatedAt: sql`now()`,
          },
        });
    }
  });
}

/** Upserts daily metrics on (asin, marketplace, date): the same day twice gives the same rows. */
export function upsertDailyMetrics(db: Database, rows: DailyMetrics[], runId?: string): Promise<void> {
  return timedQuery("core.upsert_metrics", async () => {
    const unique = [...new Map(rows.map((r) => [`${r.asin}:${r.marketplace}:${r.date}`, r])).values()];
    for (const batch of batches(unique)) {
      await db
        .insert(productMetricsDaily)
        .values(batch.map((r) => ({ ...r, runId })))
        .onConflictDoUpdate({
          target: [productMetricsDaily.asin, productMetricsDaily.marketplace, productMetricsDaily.date],
          set: {
            priceCents: sql`excluded.price_cents`,
            listPriceCents: sql`excluded.list_price_cents`,
            currency: sql`excluded.currency`,
            bsr: sql`excluded.bsr`,
            bsrCategory: sql`excluded.bsr_category`,
            rating: sql`excluded.rating`,
            reviews: sql`excluded.reviews`,
            buyboxSeller: sql`excluded.buybox_seller`,
            buyboxPriceCents: sql`excluded.buybox_price_cents`,
            inStock: sql`excluded.in_stock`,
            offersCount: sql`excluded.offers_count`,
            runId: sql`excluded.run_id`,
            updatedAt: sql`now()`,
          },
        });
    }
  });
}
