// GET /api/health — { status: ok|degraded|down, checks: { db, cache, queue } }; 503 only when the database is down
import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ route: "/api/health", access: { kind: "public" } }, async () => {
  const health = await checkHealth();
  return jsonResponse(health, { status: health.status === "down" ? 503 : 200 });
});
