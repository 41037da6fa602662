import { addStepTiming } from "@/db/queries/runs";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import type { Pipeline } from "./pipeline";

/**
 * Times one pipeline step: the job_step_duration_seconds histogram, the run's step_timings
 * (milliseconds summed over chunks) and one JSON log line carrying the run id as request id.
 */
export async function timeStep<T>(p: Pipeline, runId: string, step: string, fields: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome = "ok";
  try {
    return await run();
  } catch (error) {
    outcome = "error";
    throw error;
  } finally {
    const ms = performance.now() - started;
    metrics().jobStepDuration.observe({ step, outcome }, ms / 1000);
    logger().info({ request_id: runId, run_id: runId, step, outcome, duration_ms: Math.round(ms * 10) / 10, ...fields }, "job step");
    await addStepTiming(p.db, runId, step, ms).catch(() => {});
  }
}
