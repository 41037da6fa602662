import type { Database } from "@/db/client";
import { spentOn } from "@/db/queries/usage";
import { config } from "@/lib/config/env";
import { todayUtc } from "@/lib/dates";
import { BudgetExceeded } from "@/lib/http/errors";

/**
 * Refuses a billable generation that would take today's LLM spend (usage_costs, kind "llm", every
 * workspace) past DAILY_LLM_BUDGET_USD, the way the planner holds scraping to the Apify budget.
 */
export async function assertLlmBudget(db: Database, estimateUsd: number): Promise<void> {
  const budget = config().budgets.llmDailyUsd;
  const spent = await spentOn(db, todayUtc(), "llm");
  if (spent + estimateUsd > budget) {
    throw new BudgetExceeded(
      `LLM spend today is $${spent.toFixed(4)}; this report is estimated at up to $${estimateUsd.toFixed(4)}, which would pass DAILY_LLM_BUDGET_USD ($${budget.toFixed(2)}). Try again tomorrow (UTC) or raise the budget.`,
    );
  }
}
