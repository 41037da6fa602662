import { z } from "zod";
import { alertChange, alertDirection, alertMetric, alertStatus } from "@/db/schema";

// Response bodies of the alert routes; the presenters (present.ts) return these types.
const dateTime = z.string().meta({ format: "date-time" });

export const alertSchema = z
  .object({
    id: z.uuid(),
    asin: z.string(),
    marketplace: z.string(),
    date: z.string().meta({ format: "date" }),
    metric: z.enum(alertMetric.enumValues),
    kind: z.string(),
    old_value: z.number().nullable(),
    new_value: z.number().nullable(),
    change: z.number().nullable(),
    status: z.enum(alertStatus.enumValues),
    rule_id: z.uuid(),
    run_id: z.uuid().nullable(),
    created_at: dateTime,
    acknowledged_at: dateTime.nullable(),
  })
  .meta({ id: "Alert" });
export type AlertView = z.infer<typeof alertSchema>;

export const alertPageSchema = z.object({ items: z.array(alertSchema), next_cursor: z.string().nullable() });

export const alertRuleSchema = z
  .object({
    id: z.uuid(),
    metric: z.enum(alertMetric.enumValues),
    change: z.enum(alertChange.enumValues),
    threshold: z.number(),
    direction: z.enum(alertDirection.enumValues),
    asin: z.string().nullable(),
    cooldown_days: z.number().int(),
    enabled: z.boolean(),
    created_at: dateTime,
  })
  .meta({ id: "AlertRule" });
export type AlertRuleView = z.infer<typeof alertRuleSchema>;

export const alertRulePageSchema = z.object({ items: z.array(alertRuleSchema), next_cursor: z.string().nullable() });
