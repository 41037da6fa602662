import "server-only";
import { metrics } from "./metrics";

/** The Prometheus text exposition of this process's registry. */
export async function metricsExposition(): Promise<Response> {
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
