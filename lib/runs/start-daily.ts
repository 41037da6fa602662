import "server-only";
import { planDailyRuns } from "@/jobs/daily-runs";
import { defaultPipeline } from "@/jobs/pipeline";
import { todayUtc } from "@/lib/dates";
import { presentRun } from "./present";

/** Today's runs for every active marketplace (cron entry point). */
export async function startDailyRuns() {
  const runs = await planDailyRuns(await defaultPipeline(), todayUtc());
  return { runs: runs.map(presentRun) };
}
