// GET /api/v1/products/{asin}/metrics — daily series ?from=&to= (default last 30 days, max 730)
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson } from "@/lib/http/responses";
import { productCacheControl } from "@/lib/http/cache-control";
import { getMetricsContract } from "@/lib/products/contracts";
import { getProductMetrics } from "@/lib/products/get-metrics";

export const GET = defineRoute(getMetricsContract, async ({ request, principal, params, query }) => {
  const series = await getProductMetrics(params.asin, query.marketplace, query.from, query.to);
  if (!series) throw new NotFound(`No product ${params.asin} in marketplace ${query.marketplace}.`);
  return conditionalJson(request, series, { cacheControl: productCacheControl(principal) });
});
