import "server-only";
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import type { FieldNode, ValidationContext } from "graphql";
import { createGraphQLError, createYoga, type Plugin } from "graphql-yoga";
import { config } from "@/lib/config/env";
import { authenticate } from "@/lib/http/authenticate";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { assertDeclaredLength, readTextBody } from "@/lib/http/parse-input";
import { withRequestContext } from "@/lib/http/request-context";
import { conditionalJson, etagOf } from "@/lib/http/responses";
import { logger } from "@/lib/observability/logger";
import { enforceRateLimit } from "@/lib/rate-limit/enforce";
import { createApqStore, type ApqStore } from "./apq-store";
import { createGraphqlContext, type GraphqlContext } from "./context";
import { maskError } from "./errors";
import { persistedDocumentPlugins } from "./persisted-documents";
import { graphqlPolicy, type GraphqlPolicy } from "./policy";
import { createGraphqlSchema } from "./schema";

export const GRAPHQL_ROUTE = "/api/graphql";

// Limits checked at validation, before anything runs. The schema has no cycles, so depth is
// bounded anyway; 7 admits competition → comparison → rows → product → latest → priceDelta → abs
// and refuses the same under the competitions list (an N × M fan-out).
export const GRAPHQL_LIMITS = { maxDepth: 7, maxCost: 5000, maxAliases: 15, maxDirectives: 20, maxTokens: 2000 } as const;

function armor(policy: GraphqlPolicy): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, exposeLimits: true },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, exposeLimits: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, exposeLimits: true },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: true },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens, exposeLimits: true },
    // "Did you mean …?" would leak the schema that introspection hides.
    blockFieldSuggestion: { enabled: !policy.development },
  }) as Plugin;
}

// graphql's NoSchemaIntrospectionCustomRule, by field name: graphql's own rule would compare its
// types against a schema that may come from another copy of the package (see errors.ts).
const introspectionOff: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule((context: ValidationContext) => ({
      Field(node: FieldNode) {
        if (node.name.value === "__schema" || node.name.value === "__type") {
          context.reportError(createGraphQLError(`GraphQL introspection has been disabled, but the requested query contained the field "${node.name.value}".`, { nodes: [node] }));
        }
      },
    }));
  },
};

// Yoga's own log lines (including errors it masked, already logged with the request id by the
// resolver wrapper) go to pino at debug level.
function yogaLogging() {
  const log = (...args: unknown[]) => logger().debug({ yoga: args.map(String) }, "graphql-yoga");
  return { debug: log, info: log, warn: log, error: log };
}

export type GraphqlHandler = (request: Request) => Promise<Response>;

/**
 * The /api/graphql handler of one server instance: the REST wrappers (request id, access log,
 * duration histogram, problem+json, authentication, the "graphql" rate-limit policy, body limit)
 * around GraphQL Yoga, whose
 * answers to GET are cacheable with a strong ETag.
 */
export function createGraphqlHandler(options: { policy: GraphqlPolicy; store?: ApqStore }): GraphqlHandler {
  const { policy } = options;
  const store = options.store ?? createApqStore();
  const yoga = createYoga<GraphqlContext>({
    schema: createGraphqlSchema(),
    graphqlEndpoint: GRAPHQL_ROUTE,
    graphiql: policy.development,
    landingPage: false,
    // Same-origin dashboard and server-side integrations only: no CORS for cookie-authenticated calls.
    cors: false,
    batching: false,
    logging: yogaLogging(),
    maskedErrors: { maskError, isDev: false },
    plugins: [...persistedDocumentPlugins(policy, store), armor(policy), ...(policy.development ? [] : [introspectionOff])],
  });

  return async (request) => {
    // RateLimit-* go on every answer, errors included (a 429 carries them itself), as in REST.
    const limitHeaders: Record<string, string> = {};
    const response = await withRequestContext(request, GRAPHQL_ROUTE, async (ctx) => {
      const principal = (await authenticate(request, { kind: "role", role: "viewer" }, async (caller) => {
        Object.assign(limitHeaders, await enforceRateLimit(request, caller, "graphql"));
      }))!;
      ctx.principal = principal;
      assertDeclaredLength(request);
      const context = createGraphqlContext({ principal, requestId: ctx.requestId, log: ctx.log });
      // The body is read here, within the 1 MiB limit however it is sent, then handed to Yoga.
      const forwarded =
        request.method === "POST" ? new Request(request.url, { method: "POST", headers: request.headers, body: await readTextBody(request) }) : request;
      return httpCaching(request, await yoga.handleRequest(forwarded, context), context);
    });
    for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
    return response;
  };
}

/**
 * A successful GET (a persisted query named in the URL) gets a strong ETag and revalidation, and
 * 304 when the client holds it; anything else — POST, errors, PersistedQueryNotFound — is no-store.
 */
async function httpCaching(request: Request, response: Response, context: GraphqlContext): Promise<Response> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return response;
  const body = await response.text();
  const cacheable = request.method === "GET" && response.status === 200 && !("errors" in (JSON.parse(body) as object));
  if (cacheable) {
    return conditionalJson(request, { body, etag: etagOf(body), cache: context.cache.summary() }, { cacheControl: PRIVATE_REVALIDATE, contentType: type });
  }
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "no-store");
  headers.set("X-Cache", context.cache.summary());
  return new Response(body, { status: response.status, headers });
}

const GLOBAL_KEY = Symbol.for("shelfwatch.graphql-handler");
type GlobalWithHandler = typeof globalThis & { [GLOBAL_KEY]?: GraphqlHandler };

/** The process's handler, built on first use from the environment's policy. */
export function graphqlHandler(): GraphqlHandler {
  const g = globalThis as GlobalWithHandler;
  g[GLOBAL_KEY] ??= createGraphqlHandler({ policy: graphqlPolicy(config()) });
  return g[GLOBAL_KEY];
}
