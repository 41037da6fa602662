// GET /metrics — the same exposition as /api/metrics, at the path Prometheus scrapes by default
import { defineRoute } from "@/lib/http/define-route";
import { metricsExposition } from "@/lib/observability/exposition";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ route: "/metrics", access: { kind: "public" } }, () => metricsExposition());
