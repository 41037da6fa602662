import { z } from "zod";
import { runStatus } from "@/db/schema";

// Response bodies of the run routes; presentRun returns RunView.
const dateTime = z.string().meta({ format: "date-time" });

export const runSchema = z
  .object({
    id: z.uuid(),
    date: z.string().meta({ format: "date" }),
    marketplace: z.string(),
    source: z.string(),
    status: z.enum(runStatus.enumValues),
    chunks: z.object({ done: z.number().int(), total: z.number().int() }),
    items: z.object({ ok: z.number().int(), rejected: z.number().int() }),
    cost_usd: z.number(),
    step_timings_ms: z.record(z.string(), z.number()),
    error: z.string().nullable(),
    created_at: dateTime,
    started_at: dateTime.nullable(),
    finished_at: dateTime.nullable(),
    duration_ms: z.number().nullable(),
  })
  .meta({ id: "Run" });
export type RunView = z.infer<typeof runSchema>;

export const runPageSchema = z.object({ items: z.array(runSchema), next_cursor: z.string().nullable() });

export const runDetailSchema = runSchema.extend({
  rejected_items: z.array(z.object({ id: z.number().int(), asin: z.string().nullable(), chunk: z.number().int(), error: z.string().nullable() })),
});
