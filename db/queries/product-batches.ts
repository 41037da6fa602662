import { and, asc, between, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { productLatest, productMetricsDaily, products, type ProductLatest, type ProductMetricsDaily } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

// Batched reads for GraphQL's DataLoaders: one statement for any number of products. The pairs
// travel as two text[] parameters and are matched exactly in code, so no parameter limit is hit.
export interface ProductKey {
  asin: string;
  marketplace: string;
}

const pairKey = (asin: string, marketplace: string) => `${marketplace}:${asin}`;

function pairsFilter(keys: readonly ProductKey[], asinColumn: AnyPgColumn, marketplaceColumn: AnyPgColumn) {
  return and(
    sql`${asinColumn} = any(${textArrayLiteral([...new Set(keys.map((k) => k.asin))])}::text[])`,
    sql`${marketplaceColumn} = any(${textArrayLiteral([...new Set(keys.map((k) => k.marketplace))])}::text[])`,
  );
}

/** Mart rows of many products, aligned with keys (null where a product has none). */
export function getProductLatestMany(db: Database, keys: readonly ProductKey[]): Promise<(ProductLatest | null)[]> {
  return timedQuery("mart.product_latest.get_many", async () => {
    if (keys.length === 0) return [];
    const rows = await db.select().from(productLatest).where(pairsFilter(keys, productLatest.asin, productLatest.marketplace));
    const byKey = new Map(rows.map((r) => [pairKey(r.asin, r.marketplace), r]));
    return keys.map((k) => byKey.get(pairKey(k.asin, k.marketplace)) ?? null);
  });
}

/** Daily rows of many products between two dates inclusive, oldest first, aligned with keys. */
export function getMetricsSeriesMany(db: Database, keys: readonly ProductKey[], from: string, to: string): Promise<ProductMetricsDaily[][]> {
  return timedQuery("core.metrics_series_many", async () => {
    if (keys.length === 0) return [];
    const rows = await db
      .select()
      .from(productMetricsDaily)
      .where(and(pairsFilter(keys, productMetricsDaily.asin, productMetricsDaily.marketplace), between(productMetricsDaily.date, from, to)))
      .orderBy(asc(productMetricsDaily.date));
    const byKey = new Map<string, ProductMetricsDaily[]>();
    for (const row of rows) {
      const key = pairKey(row.asin, row.marketplace);
      const series = byKey.get(key);
      if (series) series.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((k) => byKey.get(pairKey(k.asin, k.marketplace)) ?? []);
  });
}

/** Which of the products exist in core.products, aligned with keys. */
export function productsExist(db: Database, keys: readonly ProductKey[]): Promise<boolean[]> {
  return timedQuery("core.products.exist_many", async () => {
    if (keys.length === 0) return [];
    const rows = await db
      .select({ asin: products.asin, marketplace: products.marketplace })
      .from(products)
      .where(pairsFilter(keys, products.asin, products.marketplace));
    const found = new Set(rows.map((r) => pairKey(r.asin, r.marketplace)));
    return keys.map((k) => found.has(pairKey(k.asin, k.marketplace)));
  });
}
