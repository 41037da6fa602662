import "server-only";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

// prom-client 15 also exports three gauges with a counter's `_total` suffix, which promtool
// rejects (STACK.md); the same values stay exposed under their gauge names
// (nodejs_active_handles, nodejs_active_requests, nodejs_active_resources).
const MISNAMED_DEFAULTS = ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);

  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration by route template, method and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: "cache_requests_total",
      help: "Cache lookups by result (hit, miss, stale, error).",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    cacheBackendErrors: new Counter({
      name: "cache_backend_errors_total",
      help: "Cache backend operations that failed and fell through to the database.",
      labelNames: ["operation"] as const,
      registers: [registry],
    }),
    dbQueryDuration: new Histogram({
      name: "db_query_duration_seconds",
      help: "Database query duration by query name.",
      labelNames: ["query"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    jobStepDuration: new Histogram({
      name: "job_step_duration_seconds",
      help: "Pipeline job step duration by step and outcome.",
      labelNames: ["step", "outcome"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
  };
}

const GLOBAL_KEY = Symbol.for("shelfwatch.metrics");
type GlobalWithMetrics = typeof globalThis & { [GLOBAL_KEY]?: ReturnType<typeof createMetrics> };

/** Process-wide metrics; on globalThis so every bundle chunk of the server shares one registry. */
export function metrics(): ReturnType<typeof createMetrics> {
  const g = globalThis as GlobalWithMetrics;
  g[GLOBAL_KEY] ??= createMetrics();
  return g[GLOBAL_KEY];
}

/** Times one named database query into db_query_duration_seconds. */
export async function timedQuery<T>(name: string, run: () => Promise<T>): Promise<T> {
  const end = metrics().dbQueryDuration.startTimer({ query: name });
  try {
    return await run();
  } finally {
    end();
  }
}
