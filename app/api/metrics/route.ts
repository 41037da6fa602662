// GET /api/metrics — Prometheus text format (also served at /metrics)
import { defineRoute } from "@/lib/http/define-route";
import { metricsExposition } from "@/lib/observability/exposition";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ route: "/api/metrics", access: { kind: "public" } }, () => metricsExposition());
