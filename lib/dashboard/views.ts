// The shapes pages and client islands exchange: the API's own presenters, so the dashboard shows
// exactly what GET /api/v1/... answers.
import type { presentAlert, presentAlertRule } from "@/lib/alerts/present";
import type { presentMetricsPoint, presentProductLatest } from "@/lib/products/present";
import type { getRunDetail } from "@/lib/runs/get-run";
import type { presentRun } from "@/lib/runs/present";

export type ProductView = ReturnType<typeof presentProductLatest>;
/** A tracked product before its first scrape has only its identity. */
export type ProductListItem = (ProductView & { tracked_since: string }) | { asin: string; marketplace: string; tracked_since: string; date: null };
export type MetricsPointView = ReturnType<typeof presentMetricsPoint>;
export type RunView = ReturnType<typeof presentRun>;
export type RunDetailView = NonNullable<Awaited<ReturnType<typeof getRunDetail>>>;
export type AlertRuleView = ReturnType<typeof presentAlertRule>;
export type AlertView = ReturnType<typeof presentAlert>;
/** An alert with what the inbox needs to read it: the product's title and currency, the rule's unit. */
export type InboxAlertView = AlertView & { title: string | null; currency: string | null; rule_change: "pct" | "abs" | null };
