// GET /api/v1/products/{asin}/metrics.csv — the daily series as CSV (same range rules as …/metrics)
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson } from "@/lib/http/responses";
import { productCacheControl } from "@/lib/http/cache-control";
import { getMetricsCsvContract } from "@/lib/products/contracts";
import { getProductMetricsCsv } from "@/lib/products/get-metrics-csv";

export const GET = defineRoute(getMetricsCsvContract, async ({ request, principal, params, query }) => {
  const csv = await getProductMetricsCsv(params.asin, query.marketplace, query.from, query.to);
  if (!csv) throw new NotFound(`No product ${params.asin} in marketplace ${query.marketplace}.`);
  return conditionalJson(request, csv, {
    cacheControl: productCacheControl(principal),
    contentType: "text/csv; charset=utf-8; header=present",
    extraHeaders: { "Content-Disposition": `attachment; filename="${params.asin}-${query.marketplace}-${query.from}-${query.to}.csv"` },
  });
});
