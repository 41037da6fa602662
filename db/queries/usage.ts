import { and, between, eq, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { usageCosts } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export function recordUsage(
  db: Database,
  usage: { day: string; kind: "apify" | "llm"; amountUsd: number; workspaceId?: string; runId?: string; reportId?: string; quantity?: number; details?: Record<string, unknown> },
): Promise<void> {
  return timedQuery("app.usage_costs.insert", async () => {
    await db.insert(usageCosts).values({ ...usage, amountUsd: usage.amountUsd.toFixed(6) });
  });
}

/** Spend of one kind on one day, in USD. */
export function spentOn(db: Database, day: string, kind: "apify" | "llm"): Promise<number> {
  return timedQuery("app.usage_costs.spent_on", async () => {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${usageCosts.amountUsd}), 0)` })
      .from(usageCosts)
      .where(and(eq(usageCosts.day, day), eq(usageCosts.kind, kind)));
    return Number(row?.total ?? 0);
  });
}

/** Spend per day and kind: shared scraping spend plus the workspace's own LLM spend. */
export function usageByDay(db: Database, workspaceId: string, from: string, to: string): Promise<Array<{ day: string; kind: "apify" | "llm"; usd: number }>> {
  return timedQuery("app.usage_costs.by_day", async () => {
    const rows = await db
      .select({ day: usageCosts.day, kind: usageCosts.kind, usd: sql<string>`sum(${usageCosts.amountUsd})` })
      .from(usageCosts)
      .where(and(between(usageCosts.day, from, to), or(isNull(usageCosts.workspaceId), eq(usageCosts.workspaceId, workspaceId))))
      .groupBy(usageCosts.day, usageCosts.kind)
      .orderBy(usageCosts.day);
    return rows.map((r) => ({ day: r.day, kind: r.kind, usd: Number(r.usd) }));
  });
}
