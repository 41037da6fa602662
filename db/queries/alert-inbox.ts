import { and, count, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { alertRules, alerts, productLatest, type Alert } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export interface AlertInboxInput {
  workspaceId: string;
  status: "open" | "acknowledged" | "all";
  metric?: Alert["metric"];
  asin?: string;
  limit: number;
  /** Keyset position (date, id) of the previous page's last alert. */
  after?: { date: string; id: string };
}

export interface AlertInboxRow {
  alert: Alert;
  title: string | null;
  currency: string | null;
  ruleChange: "pct" | "abs" | null;
}

/**
 * The dashboard inbox: a workspace's alerts newest day first, by status and metric, with the
 * product's title and currency and the rule's unit so a row reads on its own. One row more than
 * asked tells whether there is a next page.
 */
export function listAlertInbox(db: Database, input: AlertInboxInput): Promise<AlertInboxRow[]> {
  return timedQuery("app.alerts.inbox", () => {
    const conditions: SQL[] = [eq(alerts.workspaceId, input.workspaceId)];
    if (input.status !== "all") conditions.push(eq(alerts.status, input.status));
    if (input.metric) conditions.push(eq(alerts.metric, input.metric));
    if (input.asin) conditions.push(eq(alerts.asin, input.asin));
    if (input.after) {
      conditions.push(or(lt(alerts.date, input.after.date), and(eq(alerts.date, input.after.date), lt(alerts.id, input.after.id)))!);
    }
    return db
      .select({ alert: alerts, title: productLatest.title, currency: productLatest.currency, ruleChange: alertRules.change })
      .from(alerts)
      .leftJoin(productLatest, and(eq(productLatest.asin, alerts.asin), eq(productLatest.marketplace, alerts.marketplace)))
      .leftJoin(alertRules, eq(alertRules.id, alerts.ruleId))
      .where(and(...conditions))
      .orderBy(desc(alerts.date), desc(alerts.id))
      .limit(input.limit + 1);
  });
}

/** Open alerts per ASIN of a workspace, for the badges of the products table. */
export function countOpenAlertsByAsin(db: Database, workspaceId: string): Promise<Array<{ asin: string; open: number }>> {
  return timedQuery("app.alerts.open_by_asin", () =>
    db
      .select({ asin: alerts.asin, open: count() })
      .from(alerts)
      .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.status, "open")))
      .groupBy(alerts.asin),
  );
}
