import { and, asc, between, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { productLatest, productMetricsDaily, products, trackedProducts, type ProductLatest, type ProductMetricsDaily } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export function getProductLatest(db: Database, asin: string, marketplace: string): Promise<ProductLatest | null> {
  return timedQuery("mart.product_latest.get", async () => {
    const [row] = await db
      .select()
      .from(productLatest)
      .where(and(eq(productLatest.asin, asin), eq(productLatest.marketplace, marketplace)))
      .limit(1);
    return row ?? null;
  });
}

/** Latest rows of many products in one query (a batch read's misses). */
export function getProductLatestMany(db: Database, asins: string[], marketplace: string): Promise<ProductLatest[]> {
  return timedQuery("mart.product_latest.get_many", () =>
    db
      .select()
      .from(productLatest)
      .where(and(eq(productLatest.marketplace, marketplace), inArray(productLatest.asin, asins))),
  );
}

export function productExists(db: Database, asin: string, marketplace: string): Promise<boolean> {
  return timedQuery("core.products.exists", async () => {
    const rows = await db
      .select({ asin: products.asin })
      .from(products)
      .where(and(eq(products.asin, asin), eq(products.marketplace, marketplace)))
      .limit(1);
    return rows.length > 0;
  });
}

/** Daily rows of one product between two dates inclusive, oldest first (served by the primary key). */
export function getMetricsSeries(db: Database, asin: string, marketplace: string, from: string, to: string): Promise<ProductMetricsDaily[]> {
  return timedQuery("core.metrics_series", () =>
    db
      .select()
      .from(productMetricsDaily)
      .where(and(eq(productMetricsDaily.asin, asin), eq(productMetricsDaily.marketplace, marketplace), between(productMetricsDaily.date, from, to)))
      .orderBy(asc(productMetricsDaily.date)),
  );
}

/**
 * Daily rows of many products between two dates in one query, oldest first. Every known product
 * appears: one with no day in the range comes back with `day: null`; an unknown one not at all.
 */
export function getMetricsSeriesMany(
  db: Database,
  asins: string[],
  marketplace: string,
  from: string,
  to: string,
): Promise<Array<{ asin: string; day: ProductMetricsDaily | null }>> {
  return timedQuery("core.metrics_series_many", () =>
    db
      .select({ asin: products.asin, day: productMetricsDaily })
      .from(products)
      .leftJoin(
        productMetricsDaily,
        and(eq(productMetricsDaily.asin, products.asin), eq(productMetricsDaily.marketplace, products.marketplace), between(productMetricsDaily.date, from, to)),
      )
      .where(and(eq(products.marketplace, marketplace), inArray(products.asin, asins)))
      .orderBy(asc(products.asin), asc(productMetricsDaily.date)),
  );
}

export const PRODUCT_SORTS = {
  asin: null,
  title: productLatest.title,
  price: productLatest.priceCents,
  bsr: productLatest.bsr,
  rating: productLatest.rating,
  reviews: productLatest.reviews,
  price_change_1d: productLatest.priceDelta1dPct,
  price_change_7d: productLatest.priceDelta7dPct,
  price_change_30d: productLatest.priceDelta30dPct,
  bsr_change_1d: productLatest.bsrDelta1dPct,
  bsr_change_7d: productLatest.bsrDelta7dPct,
  bsr_change_30d: productLatest.bsrDelta30dPct,
} as const;
export type ProductSort = keyof typeof PRODUCT_SORTS;

export interface TrackedProductsPage {
  rows: Array<{ asin: string; marketplace: string; addedAt: Date; latest: ProductLatest | null; sortKey: number | string }>;
  hasMore: boolean;
}

export interface ListTrackedProductsInput {
  workspaceId: string;
  q?: string;
  sort: ProductSort;
  descending: boolean;
  limit: number;
  /** Keyset position: the sort key and ASIN of the last row of the previous page. */
  after?: { sortKey: number | string; asin: string };
}

/**
 * A workspace's tracked products with their mart rows, ordered by one metric (nulls last, then
 * ASIN) and paged by keyset so pages stay stable while rows change.
 */
export function listTrackedProducts(db: Database, input: ListTrackedProductsInput): Promise<TrackedProductsPage> {
  return timedQuery("mart.tracked_products.list", async () => {
    const column = PRODUCT_SORTS[input.sort];
    // Nulls sort last in both directions by mapping them to the far end of the order.
    const sortKey: SQL<number | string> =
      column === null
        ? sql`${trackedProducts.asin}`
        : input.sort === "title"
          ? sql`lower(coalesce(${column}, ${input.descending ? "" : "\u{10FFFF}"}))`
          : sql`coalesce((${column})::float8, ${input.descending ? "-Infinity" : "Infinity"}::float8)`;
    const conditions: SQL[] = [eq(trackedProducts.workspaceId, input.workspaceId)];
    if (input.q) {
      const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql`(${trackedProducts.asin} ilike ${pattern} or ${productLatest.title} ilike ${pattern} or ${productLatest.brand} ilike ${pattern})`);
    }
    if (input.after) {
      const numeric = column !== null && input.sort !== "title";
      const key = numeric ? sql`${String(input.after.sortKey)}::float8` : sql`${String(input.after.sortKey)}`;
      conditions.push(
        input.descending
          ? sql`(${sortKey} < ${key} or (${sortKey} = ${key} and ${trackedProducts.asin} > ${input.after.asin}))`
          : sql`(${sortKey} > ${key} or (${sortKey} = ${key} and ${trackedProducts.asin} > ${input.after.asin}))`,
      );
    }
    const rows = await db
      .select({
        asin: trackedProducts.asin,
        marketplace: trackedProducts.marketplace,
        addedAt: trackedProducts.addedAt,
        latest: productLatest,
        sortKey,
      })
      .from(trackedProducts)
      .leftJoin(productLatest, and(eq(productLatest.asin, trackedProducts.asin), eq(productLatest.marketplace, trackedProducts.marketplace)))
      .where(and(...conditions))
      .orderBy(input.descending ? sql`${sortKey} desc` : sql`${sortKey} asc`, asc(trackedProducts.asin))
      .limit(input.limit + 1);
    return { rows: rows.slice(0, input.limit), hasMore: rows.length > input.limit };
  });
}
