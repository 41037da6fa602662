import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/db/client";
import { alertRules, trackedProducts, type AlertRule } from "@/db/schema";
import { DEFAULT_ALERT_RULES } from "@/lib/alerts/evaluate";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

export type AlertRuleValues = Pick<AlertRule, "metric" | "change" | "threshold" | "direction" | "asin" | "cooldownDays" | "enabled">;

// The workspace setting that records that its defaults were written once: a workspace that later
// deletes every rule keeps none rather than seeing the defaults come back.
const SEEDED_FLAG = "alert_rules_seeded";

const DEFAULTS_JSON = JSON.stringify(
  DEFAULT_ALERT_RULES.map((r, ord) => ({ metric: r.metric, change: r.change, threshold: r.threshold, direction: r.direction, cooldown_days: r.cooldownDays, ord })),
);

/**
 * Gives each workspace the default rules once, if it has no rules yet; returns how many rules were
 * written. Safe to call concurrently: claiming the workspace row (the flag update) serialises
 * callers, and the second finds the flag set. Defaults get creation times a microsecond apart so
 * they list in a stable order.
 */
export function ensureDefaultAlertRules(db: Database, workspaceIds: string | readonly string[]): Promise<number> {
  const ids = typeof workspaceIds === "string" ? [workspaceIds] : [...workspaceIds];
  return timedQuery("app.alert_rules.ensure_defaults", async () => {
    if (ids.length === 0) return 0;
    const rows = await queryRows<{ id: string }>(
      db,
      sql`
        with claimed as (
          update app.workspaces w
             set settings = w.settings || jsonb_build_object(${SEEDED_FLAG}::text, true)
           where w.id = any(${textArrayLiteral(ids)}::uuid[])
             and not coalesce((w.settings ->> ${SEEDED_FLAG}::text)::boolean, false)
          returning w.id
        )
        insert into app.alert_rules (workspace_id, metric, change, threshold, direction, cooldown_days, created_at)
        select c.id, d.metric::app.alert_metric, d.change::app.alert_change, d.threshold, d.direction::app.alert_direction,
               d.cooldown_days, now() + d.ord * interval '1 microsecond'
          from claimed c
         cross join jsonb_to_recordset(${DEFAULTS_JSON}::jsonb)
               as d(metric text, change text, threshold float8, direction text, cooldown_days int, ord int)
         where not exists (select 1 from app.alert_rules r where r.workspace_id = c.id)
        returning id`,
    );
    return rows.length;
  });
}

// Creation time in microseconds: an exact keyset key (a JS Date keeps only milliseconds).
const createdMicros = sql<string>`(extract(epoch from ${alertRules.createdAt}) * 1000000)::bigint::text`;

/** A workspace's rules, oldest first, keyset-paged on (creation time, id). */
export function listAlertRules(
  db: Database,
  input: { workspaceId: string; limit: number; after?: { createdMicros: string; id: string } },
): Promise<Array<{ rule: AlertRule; createdMicros: string }>> {
  return timedQuery("app.alert_rules.list", () =>
    db
      .select({ rule: alertRules, createdMicros })
      .from(alertRules)
      .where(
        and(
          eq(alertRules.workspaceId, input.workspaceId),
          input.after ? sql`(${createdMicros}::bigint, ${alertRules.id}) > (${input.after.createdMicros}::bigint, ${input.after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(sql`${createdMicros}::bigint`, asc(alertRules.id))
      .limit(input.limit + 1),
  );
}

export function getAlertRule(db: Database, workspaceId: string, id: string): Promise<AlertRule | null> {
  return timedQuery("app.alert_rules.get", async () => {
    const [row] = await db.select().from(alertRules).where(and(eq(alertRules.id, id), eq(alertRules.workspaceId, workspaceId)));
    return row ?? null;
  });
}

export function insertAlertRule(db: Database, workspaceId: string, values: AlertRuleValues): Promise<AlertRule> {
  return timedQuery("app.alert_rules.insert", async () => {
    const [row] = await db.insert(alertRules).values({ ...values, workspaceId }).returning();
    return row!;
  });
}

/** Applies a partial change to one of the workspace's rules; null when it has no such rule. */
export function updateAlertRule(db: Database, workspaceId: string, id: string, patch: Partial<AlertRuleValues>): Promise<AlertRule | null> {
  return timedQuery("app.alert_rules.update", async () => {
    const [row] = await db
      .update(alertRules)
      .set(patch)
      .where(and(eq(alertRules.id, id), eq(alertRules.workspaceId, workspaceId)))
      .returning();
    return row ?? null;
  });
}

/** Deletes one of the workspace's rules (its alerts go with it); false when it has no such rule. */
export function deleteAlertRule(db: Database, workspaceId: string, id: string): Promise<boolean> {
  return timedQuery("app.alert_rules.delete", async () => {
    const rows = await db
      .delete(alertRules)
      .where(and(eq(alertRules.id, id), eq(alertRules.workspaceId, workspaceId)))
      .returning({ id: alertRules.id });
    return rows.length > 0;
  });
}

/** Which workspaces track which of these ASINs on the marketplace (one array parameter). */
export function listTrackers(db: Database, input: { marketplace: string; asins: readonly string[] }): Promise<Array<{ workspaceId: string; asin: string }>> {
  return timedQuery("app.tracked_products.trackers", () =>
    db
      .select({ workspaceId: trackedProducts.workspaceId, asin: trackedProducts.asin })
      .from(trackedProducts)
      .where(and(eq(trackedProducts.marketplace, input.marketplace), sql`${trackedProducts.asin} = any(${textArrayLiteral(input.asins)}::text[])`)),
  );
}

/** Enabled rules of these workspaces that apply to any of these ASINs: global ones and ASIN-specific ones. */
export function listEnabledRules(db: Database, input: { workspaceIds: readonly string[]; asins: readonly string[] }): Promise<AlertRule[]> {
  return timedQuery("app.alert_rules.enabled_for", async () => {
    if (input.workspaceIds.length === 0) return [];
    return db
      .select()
      .from(alertRules)
      .where(
        and(
          sql`${alertRules.workspaceId} = any(${textArrayLiteral(input.workspaceIds)}::uuid[])`,
          eq(alertRules.enabled, true),
          or(isNull(alertRules.asin), sql`${alertRules.asin} = any(${textArrayLiteral(input.asins)}::text[])`),
        ),
      );
  });
}

