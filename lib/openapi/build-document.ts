import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { isRouteContract, type RouteContract } from "@/lib/http/contract";
import { etagOf, type CacheableBody } from "@/lib/http/responses";
import { BODY_LIMIT_BYTES } from "@/lib/http/parse-input";
import * as domains from "./domains";

type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;
type Parameters = NonNullable<RouteConfig["request"]>["params"];

const problemSchema = z
  .object({
    type: z.string().meta({ format: "uri" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string().meta({ example: "body.asins.3" }), message: z.string() })).optional(),
    request_id: z.string(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

const ERRORS: Record<number, string> = {
  400: "Invalid params, query or body; `errors` names each field.",
  401: "Missing or invalid credentials.",
  403: "The caller's role may not do this.",
  404: "Not found (another workspace's object is not found either).",
  409: "Conflicts with the current state.",
  413: `The body is over ${BODY_LIMIT_BYTES} bytes.`,
  415: "The body is not application/json.",
  429: "Rate limited: retry after `Retry-After` seconds.",
};

const header = (description: string, type: "string" | "integer" = "string") => ({ description, schema: { type } });
const COMMON_HEADERS = {
  "X-Request-Id": header("Echoes a sane client id, else a new UUID."),
  "RateLimit-Limit": header("Requests allowed in the window.", "integer"),
  "RateLimit-Remaining": header("Requests left in the window.", "integer"),
  "RateLimit-Reset": header("Seconds until the window resets.", "integer"),
};
const CACHE_HEADERS = {
  ETag: header("Strong validator of this representation; send it back in If-None-Match."),
  "Cache-Control": header("private, no-cache for workspace data; public with a short max-age for anonymous product reads."),
  "X-Cache": header("HIT, MISS or STALE: where the answer came from."),
};

function errorStatuses(contract: RouteContract): number[] {
  const statuses = new Set<number>(contract.errors ?? []);
  if (contract.params || contract.query || contract.body) statuses.add(400);
  if (contract.access.kind === "role") {
    statuses.add(401);
    if (contract.access.role !== "viewer") statuses.add(403);
  }
  if (contract.body) [413, 415].forEach((s) => statuses.add(s));
  if (contract.route.startsWith("/api/v1/")) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

function responsesOf(contract: RouteContract): RouteConfig["responses"] {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, spec] of Object.entries(contract.responses)) {
    const headers = { ...COMMON_HEADERS, ...(contract.etag ? CACHE_HEADERS : {}), ...Object.fromEntries(Object.entries(spec.headers ?? {}).map(([name, value]) => [name, header(value)])) };
    responses[status] = {
      description: spec.description,
      headers,
      ...(spec.schema ? { content: { [spec.contentType ?? "application/json"]: { schema: spec.schema } } } : {}),
    };
  }
  if (contract.etag) responses["304"] = { description: "Not modified: If-None-Match matched the current ETag.", headers: { ...COMMON_HEADERS, ...CACHE_HEADERS } };
  for (const status of errorStatuses(contract)) {
    responses[String(status)] = {
      description: ERRORS[status] ?? "Error.",
      headers: status === 429 ? { ...COMMON_HEADERS, "Retry-After": header("Seconds to wait.", "integer") } : COMMON_HEADERS,
      content: { "application/problem+json": { schema: problemSchema } },
    };
  }
  return responses;
}

function securityOf(contract: RouteContract): RouteConfig["security"] {
  if (contract.access.kind === "public") return [];
  // Anonymous reads (PUBLIC_PRODUCT_READS) make credentials optional: the empty requirement.
  return contract.access.anonymous?.() ? [{ apiKey: [] }, {}] : [{ apiKey: [] }];
}

/** Every contract the domain modules export, named by module and export ("products.getProductContract"). */
export function allContracts(): Array<{ id: string; contract: RouteContract }> {
  return Object.entries(domains).flatMap(([domain, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => isRouteContract(value))
      .map(([name, value]) => ({ id: `${domain}.${name.replace(/Contract$/, "")}`, contract: value as RouteContract })),
  );
}

/** Builds the OpenAPI 3.1 document from the route contracts. */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key of the workspace (`Authorization: Bearer <key>`). The dashboard's session cookie is accepted too.",
  });
  for (const { id, contract } of allContracts()) {
    const role = contract.access.kind === "role" ? contract.access.role : null;
    const body = contract.body;
    registry.registerPath({
      method: contract.method.toLowerCase() as RouteConfig["method"],
      path: contract.route,
      operationId: id.split(".")[1],
      summary: contract.summary,
      description: [contract.description, role ? `Role: **${role}** or higher.` : "No credentials needed."].filter(Boolean).join("\n\n"),
      tags: [contract.tag],
      security: securityOf(contract),
      ...(role ? { "x-required-role": role } : {}),
      request: {
        params: contract.params as Parameters,
        query: contract.query as Parameters,
        // A body whose schema accepts nothing at all (POST /runs) is optional.
        ...(body ? { body: { required: !body.safeParse(undefined).success, content: { "application/json": { schema: body } } } } : {}),
      },
      responses: responsesOf(contract),
    });
  }
  const tags = [...new Set(allContracts().map((c) => c.contract.tag))].map((name) => ({ name }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Shelfwatch API",
      version: "1.0.0",
      description: "Amazon product monitoring: tracked products, daily metrics, alerts, competitions and reports. Errors are RFC 9457 problem+json.",
    },
    tags,
  });
}

const GLOBAL_KEY = Symbol.for("shelfwatch.openapi");
type GlobalWithDocument = typeof globalThis & { [GLOBAL_KEY]?: { document: OpenApiDocument; body: string; etag: string } };

/** The document, built once per process, with its serialised body and strong ETag. */
export function openApiDocument(): { document: OpenApiDocument; cached: CacheableBody } {
  const g = globalThis as GlobalWithDocument;
  if (!g[GLOBAL_KEY]) {
    const document = buildOpenApiDocument();
    const body = JSON.stringify(document);
    g[GLOBAL_KEY] = { document, body, etag: etagOf(body) };
  }
  const { document, body, etag } = g[GLOBAL_KEY];
  return { document, cached: { body, etag, cache: "HIT" } };
}
