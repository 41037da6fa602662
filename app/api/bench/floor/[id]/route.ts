// GET /api/bench/floor/{id} — the framework floor for a route with a path parameter (the shape of
// GET /api/v1/products/{asin}): dynamic routes cost Next more to match than static ones. Same body
// as /api/bench/floor, no auth, cache, logging or metrics. 404 unless BENCH_ROUTES=true.
import { config } from "@/lib/config/env";
import { FLOOR_BODY } from "@/lib/bench/floor-body";

export const dynamic = "force-dynamic";

export function GET(): Response {
  if (!config().benchRoutes) return new Response(null, { status: 404 });
  return new Response(FLOOR_BODY, { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
