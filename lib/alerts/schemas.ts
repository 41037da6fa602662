import { z } from "zod";
import { alertChange, alertDirection, alertMetric } from "@/db/schema";
import type { AlertRuleValues } from "@/db/queries/alert-rules";
import type { FieldError } from "@/lib/http/errors";
import { asinSchema } from "@/lib/products/asin";
import { isoDateSchema, limitSchema } from "@/lib/products/schemas";

/** A percent threshold above 1000 % can only be a typo (a price rarely moves tenfold). */
export const MAX_PCT_THRESHOLD = 1000;
export const MAX_COOLDOWN_DAYS = 30;
const NUMERIC_METRICS = new Set(["price", "bsr", "rating", "reviews"]);

/** Price, BSR, rating and reviews use change and threshold; buy box and stock do not. */
export function isNumericMetric(metric: string): boolean {
  return NUMERIC_METRICS.has(metric);
}

const metricSchema = z.enum(alertMetric.enumValues);
const changeSchema = z.enum(alertChange.enumValues);
const directionSchema = z.enum(alertDirection.enumValues);
// zod 4 numbers are finite already; positive() refuses 0 and negatives.
const thresholdSchema = z.number().positive();
const cooldownSchema = z.number().int().min(0).max(MAX_COOLDOWN_DAYS);

export const alertIdParamsSchema = z.object({ id: z.uuid("an alert id is a UUID") });
export const alertRuleIdParamsSchema = z.object({ id: z.uuid("an alert rule id is a UUID") });

export const listAlertsQuerySchema = z.object({
  status: z.enum(["open", "acknowledged", "all"]).default("open"),
  asin: asinSchema.optional(),
  since: isoDateSchema.optional(),
  limit: limitSchema,
  cursor: z.string().max(256).optional(),
});

export const listAlertRulesQuerySchema = z.object({ limit: limitSchema, cursor: z.string().max(256).optional() });

/**
 * Errors of a whole rule (after defaults or a PATCH are applied): numeric rules need a change and
 * threshold, and a pct threshold is at most 1000.
 */
export function ruleErrors(rule: { metric: string; change?: string; threshold?: number }): FieldError[] {
  const errors: FieldError[] = [];
  if (isNumericMetric(rule.metric)) {
    if (rule.change === undefined) errors.push({ path: "body.change", message: `required for ${rule.metric} rules (pct or abs)` });
    if (rule.threshold === undefined) errors.push({ path: "body.threshold", message: `required for ${rule.metric} rules` });
  }
  if (rule.change === "pct" && rule.threshold !== undefined && rule.threshold > MAX_PCT_THRESHOLD) {
    errors.push({ path: "body.threshold", message: `a pct threshold is at most ${MAX_PCT_THRESHOLD}` });
  }
  return errors;
}

/** POST body. Buy-box and stock rules may leave out change and threshold (they are not used). */
export const createAlertRuleBodySchema = z
  .object({
    metric: metricSchema,
    change: changeSchema.optional(),
    threshold: thresholdSchema.optional(),
    direction: directionSchema,
    asin: asinSchema.nullable().optional(),
    cooldown_days: cooldownSchema.default(3),
    enabled: z.boolean().default(true),
  })
  .superRefine((body, ctx) => {
    // Paths come back prefixed with "body." by parseWith, so strip ours.
    for (const e of ruleErrors(body)) ctx.addIssue({ code: "custom", path: [e.path.replace(/^body\./, "")], message: e.message });
  })
  .transform(
    (b): AlertRuleValues => ({
      metric: b.metric,
      change: b.change ?? "abs",
      threshold: b.threshold ?? 1,
      direction: b.direction,
      asin: b.asin ?? null,
      cooldownDays: b.cooldown_days,
      enabled: b.enabled,
    }),
  );

/** PATCH body: any subset of the fields; the merged rule is checked with ruleErrors. `asin: null` makes a rule global. */
export const updateAlertRuleBodySchema = z
  .object({
    metric: metricSchema.optional(),
    change: changeSchema.optional(),
    threshold: thresholdSchema.optional(),
    direction: directionSchema.optional(),
    asin: asinSchema.nullable().optional(),
    cooldown_days: cooldownSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .transform((b): Partial<AlertRuleValues> => {
    const { cooldown_days: cooldownDays, ...rest } = b;
    const patch: Partial<AlertRuleValues> = { ...rest, cooldownDays };
    // Drop absent fields so they are left as they are.
    return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<AlertRuleValues>;
  });
