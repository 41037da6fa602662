import "server-only";
import { getDb } from "@/db/client";
import { getMetricsSeries, productExists } from "@/db/queries/product-reads";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { presentMetricsPoint } from "./present";

/** A product's daily series between two dates inclusive; null when the product is unknown. */
export function getProductMetrics(asin: string, marketplace: string, from: string, to: string): Promise<CacheableBody | null> {
  return readThrough(`metrics:${marketplace}:${asin}:${from}:${to}`, { scopes: ["data"] }, async () => {
    const db = await getDb();
    const rows = await getMetricsSeries(db, asin, marketplace, from, to);
    if (rows.length === 0 && !(await productExists(db, asin, marketplace))) return null;
    return { asin, marketplace, from, to, points: rows.map(presentMetricsPoint) };
  });
}
