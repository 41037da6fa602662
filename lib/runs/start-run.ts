import "server-only";
import { defaultPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import { todayUtc } from "@/lib/dates";
import type { Marketplace } from "@/lib/products/marketplaces";
import { presentRun } from "./present";

/** Plans (or finds) the run of a day and lets the queue work it; the same date twice is the same run. */
export async function startRun(input: { date?: string; marketplace: Marketplace }) {
  const run = await planRun(await defaultPipeline(), { date: input.date ?? todayUtc(), marketplace: input.marketplace });
  return presentRun(run);
}
