import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as apiMetrics } from "@/app/api/metrics/route";
import { GET as rootMetrics } from "@/app/metrics/route";
import { readThrough } from "@/lib/cache/read-through";
import { cacheStore } from "@/lib/cache/runtime";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace } from "@/test/support/fixtures";

const promtoolFound = spawnSync("promtool", ["--version"], { encoding: "utf8" }).error === undefined;

async function exposition(handler = apiMetrics, path = "/api/metrics"): Promise<string> {
  const res = await callRoute(handler, path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, e.g. `name{a="b"} 3`; 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2]!.split(/,(?=[a-zA-Z_])/);
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return 0;
}

/** `# TYPE name kind` lines as [name, kind]. */
function types(text: string): [string, string][] {
  return [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]);
}

beforeAll(async () => {
  await testDatabase();
  // Database work that goes through timedQuery (API key inserts).
  await createWorkspace();
});

describe("GET /api/health", () => {
  it("answers 200 with status ok and the db, cache and queue checks", async () => {
    const res = await callRoute(health, "/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = await res.json();
    expect(body).toEqual({
      status: "ok",
      checks: {
        db: expect.objectContaining({ status: "ok", latency_ms: expect.any(Number) }),
        cache: expect.objectContaining({ status: "ok", kind: cacheStore().kind }),
        queue: expect.objectContaining({ status: "ok" }),
      },
    });
    expect(["pglite", "postgres"]).toContain(body.checks.db.kind);
  });

  it("needs no credentials and ignores a bogus Authorization header", async () => {
    const res = await callRoute(health, "/api/health", { headers: { authorization: "Basic nope" } });
    expect(res.status).toBe(200);
  });
});

describe("GET /api/metrics", () => {
  it("counts requests in http_request_duration_seconds by route template, method and status", async () => {
    const labels = { method: "GET", route: "/api/health", status: "200" };
    const before = sample(await exposition(), "http_request_duration_seconds_count", labels);
    for (let i = 0; i < 3; i++) expect((await callRoute(health, "/api/health")).status).toBe(200);
    const text = await exposition();
    expect(sample(text, "http_request_duration_seconds_count", labels)).toBe(before + 3);
    expect(sample(text, "http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(before + 3);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{[^}]*route="\/api\/health"[^}]*\} \d+$/m);
    expect(text).toMatch(/^http_request_duration_seconds_sum\{[^}]*route="\/api\/health"[^}]*\} [\d.e-]+$/m);
    // The metrics route itself is measured under its own template, never under a raw path.
    expect(text).toMatch(/route="\/api\/metrics"/);
  });

  it("exposes cache_requests_total by result and db_query_duration_seconds by query", async () => {
    const k = `metrics-test:${randomUUID()}`;
    const before = await exposition();
    await readThrough(k, { scopes: ["data"] }, async () => ({ ok: true }));
    await readThrough(k, { scopes: ["data"] }, async () => ({ ok: true }));
    const text = await exposition();
    expect(text).toContain("# TYPE cache_requests_total counter");
    expect(sample(text, "cache_requests_total", { result: "miss" })).toBeGreaterThanOrEqual(sample(before, "cache_requests_total", { result: "miss" }) + 1);
    expect(sample(text, "cache_requests_total", { result: "hit" })).toBeGreaterThanOrEqual(sample(before, "cache_requests_total", { result: "hit" }) + 1);
    expect(text).toContain("# TYPE db_query_duration_seconds histogram");
    expect(sample(text, "db_query_duration_seconds_count", { query: "api_keys.insert" })).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^db_query_duration_seconds_bucket\{[^}]*query="api_keys\.insert"[^}]*\} \d+$/m);
  });

  it("declares every metric once, and no gauge is named like a counter (_total)", async () => {
    const text = await exposition();
    const declared = types(text);
    expect(declared.length).toBeGreaterThan(10);
    expect(declared.filter(([name, kind]) => name.endsWith("_total") && kind !== "counter")).toEqual([]);
    expect(declared.filter(([name, kind]) => kind === "counter" && !name.endsWith("_total"))).toEqual([]);
    const names = declared.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    // The gauges prom-client misnames are still exposed under their gauge names.
    expect(names).toContain("nodejs_active_handles");
    expect(names).not.toContain("nodejs_active_handles_total");
  });

  it("serves the same registry at /metrics", async () => {
    const text = await exposition(rootMetrics, "/metrics");
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE cache_requests_total counter");
  });

  it.skipIf(!promtoolFound && !process.env.CI)("passes promtool check metrics", async () => {
    if (!promtoolFound) {
      throw new Error("promtool is not on PATH: CI must install it (prometheus package) so the exposition is linted");
    }
    const text = await exposition();
    const result = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8", timeout: 20_000 });
    expect(result.error).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
    expect(result.status).toBe(0);
  });
});
