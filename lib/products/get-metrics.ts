import "server-only";
import { getDb } from "@/db/client";
import { getMetricsSeries, productExists } from "@/db/queries/product-reads";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { metricsCacheKey } from "./cache-keys";
import { presentMetricsSeries } from "./present";

/** A product's daily series between two dates inclusive; null when the product is unknown. */
export function getProductMetrics(asin: string, marketplace: string, from: string, to: string): Promise<CacheableBody | null> {
  return readThrough(metricsCacheKey(asin, marketplace, from, to), { scopes: ["data"] }, async () => {
    const db = await getDb();
    const rows = await getMetricsSeries(db, asin, marketplace, from, to);
    if (rows.length === 0 && !(await productExists(db, asin, marketplace))) return null;
    return presentMetricsSeries(asin, marketplace, from, to, rows);
  });
}
