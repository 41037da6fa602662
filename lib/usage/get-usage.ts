import "server-only";
import { getDb } from "@/db/client";
import { usageByDay } from "@/db/queries/usage";
import { config } from "@/lib/config/env";
import { addDays, daysBetween } from "@/lib/dates";
import type { UsageView } from "./responses";

/** Spend per day against the daily budgets: shared Apify spend and the workspace's LLM spend. */
export async function getUsage(input: { workspaceId: string; from: string; to: string }): Promise<UsageView> {
  const rows = await usageByDay(await getDb(), input.workspaceId, input.from, input.to);
  const { apifyDailyUsd, llmDailyUsd } = config().budgets;
  const days = Array.from({ length: daysBetween(input.from, input.to) + 1 }, (_, i) => {
    const date = addDays(input.from, i);
    const apify = rows.find((r) => r.day === date && r.kind === "apify")?.usd ?? 0;
    const llm = rows.find((r) => r.day === date && r.kind === "llm")?.usd ?? 0;
    return {
      date,
      apify_usd: round(apify),
      llm_usd: round(llm),
      apify_budget_used_pct: round((apify / apifyDailyUsd) * 100),
      llm_budget_used_pct: round((llm / llmDailyUsd) * 100),
    };
  });
  return {
    budgets: { apify_daily_usd: apifyDailyUsd, llm_daily_usd: llmDailyUsd },
    totals: { apify_usd: round(days.reduce((s, d) => s + d.apify_usd, 0)), llm_usd: round(days.reduce((s, d) => s + d.llm_usd, 0)) },
    days,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
