import type { Alert, AlertRule } from "@/db/schema";
import type { AlertRuleView, AlertView } from "./responses";

export function presentAlert(a: Alert): AlertView {
  return {
    id: a.id,
    asin: a.asin,
    marketplace: a.marketplace,
    date: a.date,
    metric: a.metric,
    kind: a.kind,
    old_value: a.oldValue,
    new_value: a.newValue,
    change: a.change,
    status: a.status,
    rule_id: a.ruleId,
    run_id: a.runId,
    created_at: a.createdAt.toISOString(),
    acknowledged_at: a.acknowledgedAt?.toISOString() ?? null,
  };
}

export function presentAlertRule(r: AlertRule): AlertRuleView {
  return {
    id: r.id,
    metric: r.metric,
    change: r.change,
    threshold: r.threshold,
    direction: r.direction,
    asin: r.asin,
    cooldown_days: r.cooldownDays,
    enabled: r.enabled,
    created_at: r.createdAt.toISOString(),
  };
}
