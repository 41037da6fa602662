// GET /api/bench/floor — the framework floor for `npm run bench`: no auth, cache, logging or
// metrics, just a fixed body. 404 unless BENCH_ROUTES=true.
import { config } from "@/lib/config/env";
import { FLOOR_BODY } from "@/lib/bench/floor-body";

export const dynamic = "force-dynamic";

export function GET(): Response {
  if (!config().benchRoutes) return new Response(null, { status: 404 });
  return new Response(FLOOR_BODY, { headers: { "Content-Type": "application/json; charset=utf-8" } });
}
