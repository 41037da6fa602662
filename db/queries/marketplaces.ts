import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";
import { timedQuery } from "@/lib/observability/metrics";

/** Marketplaces with anything to scrape: tracked products or competitions. */
export function activeMarketplaces(db: Database): Promise<string[]> {
  return timedQuery("app.marketplaces.active", async () => {
    const rows = await queryRows<{ marketplace: string }>(
      db,
      sql`select marketplace from app.tracked_products union select marketplace from app.competitions order by 1`,
    );
    return rows.map((r) => r.marketplace);
  });
}
