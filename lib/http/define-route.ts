import "server-only";
import { z } from "zod";
import type { Principal } from "@/lib/auth/roles";
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
  return (request, context) =>
    withRequestContext(request, spec.route, async (ctx) => {
      assertDeclaredLength(request);
      const principal = await authenticate(request, spec.access);
      ctx.principal = principal;
      const url = new URL(request.url);
      const params = spec.params ? parseWith(spec.params, await context.params, "params") : ({} as P);
      const query = spec.query ? parseWith(spec.query, queryObject(url), "query") : ({} as Q);
      const body = spec.body ? parseWith(spec.body, await readJsonBody(request), "body") : (undefined as B);
      return handler({ request, ctx, principal, params, query, body });
    });
}
