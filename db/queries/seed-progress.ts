import { and, between, count, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { productMetricsDaily } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

/** How many of the given ASINs have a metrics row on each date of the range. */
export function countMetricsByDate(db: Database, asins: string[], marketplace: string, from: string, to: string): Promise<Map<string, number>> {
  return timedQuery("core.metrics_count_by_date", async () => {
    const rows = await db
      .select({ date: productMetricsDaily.date, n: count() })
      .from(productMetricsDaily)
      .where(
        and(
          sql`${productMetricsDaily.asin} = any(${textArrayLiteral(asins)}::text[])`,
          sql`${productMetricsDaily.marketplace} = ${marketplace}`,
          between(productMetricsDaily.date, from, to),
        ),
      )
      .groupBy(productMetricsDaily.date);
    return new Map(rows.map((r) => [r.date, r.n]));
  });
}
