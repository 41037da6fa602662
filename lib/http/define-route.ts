import "server-only";
import { z } from "zod";
import type { Principal } from "@/lib/auth/roles";
import { enforceRateLimit } from "@/lib/rate-limit/enforce";
import { apiPolicyFor, type PolicyName } from "@/lib/rate-limit/policies";
import { authenticate, type Access } from "./authenticate";
import { assertDeclaredLength, parseWith, queryObject, readJsonBody } from "./parse-input";
import { withRequestContext, type RequestContext } from "./request-context";

export interface RouteSpec<P, Q, B> {
  /** Route template for metrics and logs, e.g. "/api/v1/products/{asin}". */
  route: string;
  access: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * Rate-limit policy (lib/rate-limit/policies.ts). /api/v1 routes default to their entry in the
   * policy table (api-read for GET, api-write otherwise); other routes default to none.
   */
  rateLimit?: PolicyName | "none";
}

export interface RouteInput<P, Q, B> {
  request: Request;
  ctx: RequestContext;
  principal: Principal | null;
  params: P;
  query: Q;
  body: B;
}

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * A route handler with the house concerns composed in order: request context (id, log, metrics,
 * problem+json) → body limit → authentication and role → validated params, query and body.
 * Handlers receive parsed input and return a Response.
 */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Response>,
): (request: Request, context: NextRouteContext) => Promise<Response> {
  const policy = spec.rateLimit ?? (spec.route.startsWith("/api/v1/") ? undefined : "none");
  return async (request, context) => {
    // RateLimit-* go on every answer, errors included (a 429 carries them itself).
    const limitHeaders: Record<string, string> = {};
    const response = await withRequestContext(request, spec.route, async (ctx) => {
      const chosen = policy ?? apiPolicyFor(request.method, spec.route);
      const principal = await authenticate(request, spec.access, async (caller) => {
        if (chosen !== "none") Object.assign(limitHeaders, await enforceRateLimit(request, caller, chosen));
      });
      ctx.principal = principal;
      assertDeclaredLength(request);
      const url = new URL(request.url);
      const params = spec.params ? parseWith(spec.params, await context.params, "params") : ({} as P);
      const query = spec.query ? parseWith(spec.query, queryObject(url), "query") : ({} as Q);
      const body = spec.body ? parseWith(spec.body, await readJsonBody(request), "body") : (undefined as B);
      return handler({ request, ctx, principal, params, query, body });
    });
    for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
    return response;
  };
}
