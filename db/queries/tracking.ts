import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { trackedProducts } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

/** Tracks products for a workspace; returns how many were new. */
export function trackProducts(db: Database, workspaceId: string, items: Array<{ asin: string; marketplace: string }>): Promise<number> {
  return timedQuery("app.tracked_products.track", async () => {
    if (items.length === 0) return 0;
    let added = 0;
    for (let i = 0; i < items.length; i += 1000) {
      const rows = await db
        .insert(trackedProducts)
        .values(items.slice(i, i + 1000).map((item) => ({ workspaceId, ...item })))
        .onConflictDoNothing()
        .returning({ asin: trackedProducts.asin });
      added += rows.length;
    }
    return added;
  });
}

/** Distinct (asin, marketplace) tracked by any workspace: what the daily run must scrape. */
export function listAllTrackedAsins(db: Database): Promise<Array<{ asin: string; marketplace: string }>> {
  return timedQuery("app.tracked_products.all", () =>
    db
      .selectDistinct({ asin: trackedProducts.asin, marketplace: trackedProducts.marketplace })
      .from(trackedProducts)
      .orderBy(sql`1, 2`),
  );
}
