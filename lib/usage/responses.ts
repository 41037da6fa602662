import { z } from "zod";

// Response body of GET /api/v1/usage; getUsage returns UsageView.
export const usageSchema = z.object({
  budgets: z.object({ apify_daily_usd: z.number(), llm_daily_usd: z.number() }),
  totals: z.object({ apify_usd: z.number(), llm_usd: z.number() }),
  days: z.array(
    z.object({
      date: z.string().meta({ format: "date" }),
      apify_usd: z.number(),
      llm_usd: z.number(),
      apify_budget_used_pct: z.number(),
      llm_budget_used_pct: z.number(),
    }),
  ),
});
export type UsageView = z.infer<typeof usageSchema>;
