import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { trackedProducts } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

/** Tracks products for a workspace; returns how many were new. */
export async function trackProducts(db: Database, workspaceId: string, items: Array<{ asin: string; marketplace: string }>): Promise<number> {
  return (await insertTrackedProducts(db, workspaceId, items)).length;
}

/** Tracks products for a workspace; returns the ASINs that were not tracked before. */
export function insertTrackedProducts(db: Database, workspaceId: string, items: Array<{ asin: string; marketplace: string }>): Promise<string[]> {
  return timedQuery("app.tracked_products.track", async () => {
    const added: string[] = [];
    for (let i = 0; i < items.length; i += 1000) {
      const rows = await db
        .insert(trackedProducts)
        .values(items.slice(i, i + 1000).map((item) => ({ workspaceId, ...item })))
        .onConflictDoNothing()
        .returning({ asin: trackedProducts.asin });
      added.push(...rows.map((r) => r.asin));
    }
    return added;
  });
}

/** Stops tracking one product; false when the workspace did not track it. */
export function untrackProduct(db: Database, workspaceId: string, asin: string, marketplace: string): Promise<boolean> {
  return timedQuery("app.tracked_products.untrack", async () => {
    const rows = await db
      .delete(trackedProducts)
      .where(and(eq(trackedProducts.workspaceId, workspaceId), eq(trackedProducts.asin, asin), eq(trackedProducts.marketplace, marketplace)))
      .returning({ asin: trackedProducts.asin });
    return rows.length > 0;
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
