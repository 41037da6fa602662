import "server-only";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { accessLogger, logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import type { Principal } from "@/lib/auth/roles";
import { problemResponse } from "./problem";
import { HttpError } from "./errors";

export interface RequestContext {
  requestId: string;
  /** Route template, e.g. /api/v1/products/{asin}: the metrics label and log field. */
  route: string;
  log: Logger;
  principal: Principal | null;
}

// A client's X-Request-Id is echoed only when it is a sane token (it ends up in logs).
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(request: Request): string {
  const sent = request.headers.get("x-request-id");
  return sent && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * Request id, error mapping, one JSON access line and the duration histogram for every handler.
 * Nothing thrown inside escapes as a stack trace: unknown errors are logged here and answered 500.
 */
export async function withRequestContext(
  request: Request,
  route: string,
  run: (ctx: RequestContext) => Promise<Response>,
): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdOf(request);
  let log: Logger | undefined;
  const ctx: RequestContext = {
    requestId,
    route,
    // Created on first use: most requests log nothing but their access line.
    get log() {
      return (log ??= logger().child({ request_id: requestId }));
    },
    principal: null,
  };
  let response: Response;
  try {
    response = await run(ctx);
  } catch (error) {
    if (!(error instanceof HttpError)) ctx.log.error({ err: error, route }, "unhandled error");
    response = problemResponse(error, requestId);
  }
  response.headers.set("X-Request-Id", requestId);
  const seconds = (performance.now() - started) / 1000;
  metrics().httpRequestDuration.observe({ method: request.method, route, status: String(response.status) }, seconds);
  accessLogger().info(
    {
      request_id: requestId,
      method: request.method,
      route,
      path: new URL(request.url).pathname,
      status: response.status,
      duration_ms: Math.round(seconds * 10_000) / 10,
      cache: response.headers.get("x-cache") ?? undefined,
      workspace_id: ctx.principal?.workspaceId,
      api_key_id: ctx.principal?.apiKeyId,
    },
    "request",
  );
  return response;
}
