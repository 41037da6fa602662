import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { allContracts } from "@/lib/openapi/build-document";
import { apiReference } from "@/lib/openapi/reference-view";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { discoverRoutes, type DiscoveredRoute } from "@/test/support/api-routes";

type Operation = { operationId: string; security?: unknown[]; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown> };
let document: { openapi: string; paths: Record<string, Record<string, Operation>> };
let routes: DiscoveredRoute[];

beforeAll(async () => {
  await testDatabase();
  routes = await discoverRoutes("api/v1");
  const res = await callRoute(getOpenApi, "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  document = await res.json();
});

describe("GET /api/v1/openapi.json", () => {
  it("is served without credentials, with a strong ETag, 304 on If-None-Match", async () => {
    const first = await callRoute(getOpenApi, "/api/v1/openapi.json");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toMatch(/public/);
    const again = await callRoute(getOpenApi, "/api/v1/openapi.json", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("is a valid OpenAPI 3.1 document whose references all resolve", async () => {
    expect(document.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("documents every method of every app/api/v1/**/route.ts, and nothing that does not exist", () => {
    expect(routes.length).toBeGreaterThan(10);
    const onDisk = routes.map((r) => `${r.method} ${r.path}`).sort();
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const missing = onDisk.filter((op) => !documented.includes(op));
    expect(missing, `register these routes' contracts in lib/openapi/domains.ts: ${missing.join(", ")}`).toEqual([]);
    expect(documented.filter((op) => !onDisk.includes(op))).toEqual([]);
  });

  it("names each path parameter of the route template", () => {
    for (const route of routes) {
      const op = document.paths[route.path]?.[route.method.toLowerCase()];
      if (!op) continue; // an unregistered route is reported by the test above
      const inPath = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(inPath, `${route.method} ${route.path}`).toEqual(route.params);
    }
  });

  it("describes errors as problem+json, 400 wherever input is validated, 401 wherever credentials are needed", () => {
    for (const { contract } of allContracts()) {
      const op = document.paths[contract.route]![contract.method.toLowerCase()]!;
      const label = `${contract.method} ${contract.route}`;
      if (contract.params || contract.query || contract.body) expect(Object.keys(op.responses), label).toContain("400");
      if (contract.access.kind === "role") {
        expect(Object.keys(op.responses), label).toContain("401");
        expect(op.security, label).toContainEqual({ apiKey: [] });
      } else {
        expect(op.security, label).toEqual([]);
      }
      if (contract.etag) expect(Object.keys(op.responses), label).toContain("304");
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys((response as { content: object }).content), `${label} ${status}`).toEqual(["application/problem+json"]);
      }
    }
  });

  it("feeds the dashboard's API reference page with every operation, its inputs and responses", () => {
    const shown = apiReference().groups.flatMap((g) => g.operations);
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(shown.map((op) => `${op.method} ${op.path}`).sort()).toEqual(documented.sort());
    const batch = shown.find((op) => op.path === "/api/v1/metrics:batch")!;
    expect(batch.role).toBe("viewer");
    expect(batch.fields.map((f) => `${f.where}:${f.name}:${f.required}`)).toEqual(["body:asins:true", "body:from:false", "body:to:false", "body:marketplace:false"]);
    expect(batch.responses.map((r) => r.status)).toEqual(expect.arrayContaining(["200", "400", "401"]));
    const metrics = shown.find((op) => op.path === "/api/v1/products/{asin}/metrics")!;
    expect(metrics.fields.find((f) => f.name === "from")).toMatchObject({ where: "query", type: "string (date)", required: false });
  });

  it("has unique operation ids", () => {
    const ids = Object.values(document.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
