import { and, between, desc, eq, gte, lt, max, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { alerts, productMetricsDaily, type Alert } from "@/db/schema";
import type { DayPoint } from "@/lib/alerts/evaluate";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

export type NewAlert = typeof alerts.$inferInsert;

export interface SeriesRow extends DayPoint {
  asin: string;
  date: string;
}

// 15 columns a row: 500 rows stay far below Postgres's 65,535 parameters per statement.
const INSERT_BATCH = 500;

/**
 * The daily rows of many ASINs between two dates inclusive, in one statement: the ASINs travel as
 * one text[] parameter, so thousands of them never hit the parameter limit.
 */
export function loadSeriesWindow(db: Database, input: { marketplace: string; asins: readonly string[]; from: string; to: string }): Promise<SeriesRow[]> {
  return timedQuery("core.metrics_series_window", async () => {
    if (input.asins.length === 0) return [];
    return db
      .select({
        asin: productMetricsDaily.asin,
        date: productMetricsDaily.date,
        priceCents: productMetricsDaily.priceCents,
        bsr: productMetricsDaily.bsr,
        rating: productMetricsDaily.rating,
        reviews: productMetricsDaily.reviews,
        buyboxSeller: productMetricsDaily.buyboxSeller,
        inStock: productMetricsDaily.inStock,
      })
      .from(productMetricsDaily)
      .where(
        and(
          sql`${productMetricsDaily.asin} = any(${textArrayLiteral(input.asins)}::text[])`,
          eq(productMetricsDaily.marketplace, input.marketplace),
          between(productMetricsDaily.date, input.from, input.to),
        ),
      );
  });
}

/**
 * The date of the last alert before `before` of each (rule, ASIN) among these. Strictly before:
 * a re-run of a day must see the same history as its first run did.
 */
export function lastAlertDates(
  db: Database,
  input: { marketplace: string; before: string; ruleIds: readonly string[]; asins: readonly string[] },
): Promise<Array<{ ruleId: string; asin: string; date: string }>> {
  return timedQuery("app.alerts.last_dates", async () => {
    if (input.ruleIds.length === 0 || input.asins.length === 0) return [];
    const rows = await db
      .select({ ruleId: alerts.ruleId, asin: alerts.asin, date: max(alerts.date) })
      .from(alerts)
      .where(
        and(
          sql`${alerts.ruleId} = any(${textArrayLiteral(input.ruleIds)}::uuid[])`,
          sql`${alerts.asin} = any(${textArrayLiteral(input.asins)}::text[])`,
          eq(alerts.marketplace, input.marketplace),
          lt(alerts.date, input.before),
        ),
      )
      .groupBy(alerts.ruleId, alerts.asin);
    return rows.flatMap((r) => (r.date ? [{ ruleId: r.ruleId, asin: r.asin, date: r.date }] : []));
  });
}

/** Inserts alerts; an alert already stored for (rule, asin, marketplace, date) is skipped. Returns only new rows. */
export function insertAlerts(db: Database, rows: readonly NewAlert[]): Promise<Alert[]> {
  return timedQuery("app.alerts.insert", async () => {
    const created: Alert[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const inserted = await db
        .insert(alerts)
        .values(rows.slice(i, i + INSERT_BATCH))
        .onConflictDoNothing({ target: [alerts.ruleId, alerts.asin, alerts.marketplace, alerts.date] })
        .returning();
      created.push(...inserted);
    }
    return created;
  });
}

export interface ListAlertsInput {
  workspaceId: string;
  status: "open" | "acknowledged" | "all";
  asin?: string;
  since?: string;
  limit: number;
  /** Keyset position: the last row of the previous page. */
  after?: { date: string; id: string };
}

/** A workspace's alerts, newest day first, keyset-paged on (date, id); one row more than asked tells if there is more. */
export function listAlerts(db: Database, input: ListAlertsInput): Promise<Alert[]> {
  return timedQuery("app.alerts.list", () => {
    const conditions: SQL[] = [eq(alerts.workspaceId, input.workspaceId)];
    if (input.status !== "all") conditions.push(eq(alerts.status, input.status));
    if (input.asin) conditions.push(eq(alerts.asin, input.asin));
    if (input.since) conditions.push(gte(alerts.date, input.since));
    if (input.after) {
      conditions.push(or(lt(alerts.date, input.after.date), and(eq(alerts.date, input.after.date), lt(alerts.id, input.after.id)))!);
    }
    return db
      .select()
      .from(alerts)
      .where(and(...conditions))
      .orderBy(desc(alerts.date), desc(alerts.id))
      .limit(input.limit + 1);
  });
}

/**
 * Acknowledges one of the workspace's alerts; null when it has no such alert. Acknowledging twice
 * keeps the first time and person.
 */
export function acknowledgeAlert(db: Database, input: { workspaceId: string; id: string; by: string | null }): Promise<Alert | null> {
  return timedQuery("app.alerts.acknowledge", async () => {
    const [row] = await db
      .update(alerts)
      .set({
        status: "acknowledged",
        acknowledgedAt: sql`coalesce(${alerts.acknowledgedAt}, now())`,
        acknowledgedBy: sql`coalesce(${alerts.acknowledgedBy}, ${input.by})`,
      })
      .where(and(eq(alerts.id, input.id), eq(alerts.workspaceId, input.workspaceId)))
      .returning();
    return row ?? null;
  });
}
