// POST /api/v1/metrics:batch — latest snapshots (and series with from/to) of up to 100 ASINs
import { defineRoute } from "@/lib/http/define-route";
import { metricsBatchContract } from "@/lib/products/contracts";
import { getMetricsBatch } from "@/lib/products/get-metrics-batch";

export const POST = defineRoute(metricsBatchContract, async ({ body }) => {
  const { body: json, cache } = await getMetricsBatch(body);
  return new Response(json, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "X-Cache": cache } });
});
