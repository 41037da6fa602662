import { activeMarketplaces } from "@/db/queries/marketplaces";
import type { IngestRun } from "@/db/schema";
import { DEFAULT_MARKETPLACE, isMarketplace } from "@/lib/products/marketplaces";
import type { Pipeline } from "./pipeline";
import { planRun } from "./plan";

/** Plans the day's run for every marketplace with tracked products (the US when there are none). */
export async function planDailyRuns(p: Pipeline, date: string): Promise<IngestRun[]> {
  const marketplaces = (await activeMarketplaces(p.db)).filter(isMarketplace);
  const runs: IngestRun[] = [];
  for (const marketplace of marketplaces.length > 0 ? marketplaces : [DEFAULT_MARKETPLACE]) {
    runs.push(await planRun(p, { date, marketplace }));
  }
  return runs;
}
