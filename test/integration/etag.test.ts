import { beforeAll, describe, expect, it } from "vitest";
import { upsertRun } from "@/db/queries/runs";
import { createCompetition } from "@/lib/competitions/create-competition";
import { addDays, todayUtc } from "@/lib/dates";
import { reportWriter } from "@/lib/llm/writer";
import { allContracts } from "@/lib/openapi/build-document";
import { generateReport } from "@/lib/reports/generate-report";
import { requestReport } from "@/lib/reports/request-report";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { discoverRoutes, type DiscoveredRoute } from "@/test/support/api-routes";
import { createWorkspace, storeProduct } from "@/test/support/fixtures";
import { storeNotificationHistory } from "@/test/support/notification-fixtures";

// Every GET under /api/v1 is cacheable by the client: a strong ETag, Cache-Control, and 304 with
// no body on a matching If-None-Match. Routes are found on disk, so a new GET without an example
// below fails here until it is added (with the params of an object that exists).
interface Fixture {
  asin: string;
  runId: string;
  competitionId: string;
  reportId: string;
  webhookId: string;
}
const EXAMPLES: Record<string, (f: Fixture) => { url: string; params?: Record<string, string> }> = {
  "/api/v1/products": () => ({ url: "/api/v1/products" }),
  "/api/v1/products/{asin}": (f) => ({ url: `/api/v1/products/${f.asin}`, params: { asin: f.asin } }),
  "/api/v1/products/{asin}/metrics": (f) => ({ url: `/api/v1/products/${f.asin}/metrics`, params: { asin: f.asin } }),
  "/api/v1/products/{asin}/metrics.csv": (f) => ({ url: `/api/v1/products/${f.asin}/metrics.csv`, params: { asin: f.asin } }),
  "/api/v1/alerts": () => ({ url: "/api/v1/alerts?status=all" }),
  "/api/v1/alert-rules": () => ({ url: "/api/v1/alert-rules" }),
  "/api/v1/runs": () => ({ url: "/api/v1/runs" }),
  "/api/v1/runs/{id}": (f) => ({ url: `/api/v1/runs/${f.runId}`, params: { id: f.runId } }),
  "/api/v1/usage": () => ({ url: "/api/v1/usage" }),
  "/api/v1/competitions": () => ({ url: "/api/v1/competitions" }),
  "/api/v1/competitions/{id}": (f) => ({ url: `/api/v1/competitions/${f.competitionId}`, params: { id: f.competitionId } }),
  "/api/v1/competitions/{id}/comparison": (f) => ({ url: `/api/v1/competitions/${f.competitionId}/comparison`, params: { id: f.competitionId } }),
  "/api/v1/competitions/{id}/reports": (f) => ({ url: `/api/v1/competitions/${f.competitionId}/reports`, params: { id: f.competitionId } }),
  "/api/v1/reports/{id}": (f) => ({ url: `/api/v1/reports/${f.reportId}`, params: { id: f.reportId } }),
  "/api/v1/openapi.json": () => ({ url: "/api/v1/openapi.json" }),
  "/api/v1/api-keys": () => ({ url: "/api/v1/api-keys" }),
  "/api/v1/webhooks": () => ({ url: "/api/v1/webhooks" }),
  "/api/v1/webhooks/{id}/deliveries": (f) => ({ url: `/api/v1/webhooks/${f.webhookId}/deliveries`, params: { id: f.webhookId } }),
  "/api/v1/email-outbox": () => ({ url: "/api/v1/email-outbox" }),
  "/api/v1/email-settings": () => ({ url: "/api/v1/email-settings" }),
};

let gets: DiscoveredRoute[];
let fixture: Fixture;
let adminKey: string;

beforeAll(async () => {
  const { db } = await testDatabase();
  const ws = await createWorkspace();
  adminKey = ws.keys.admin;
  const asin = await storeProduct({ end: addDays(todayUtc(), -1), days: 5, trackFor: ws.id });
  const { run } = await upsertRun(db, { runDate: addDays(todayUtc(), -800), marketplace: "US", source: "demo" });
  const { webhookId } = await storeNotificationHistory(ws.id);
  // A competition with compared days, and a report of it written by the template writer.
  const rival = await storeProduct({ end: addDays(todayUtc(), -1), days: 5, trackFor: ws.id });
  const { id: competitionId } = await createCompetition({
    workspaceId: ws.id,
    competition: { name: "ETag", mainAsin: asin, competitorAsins: [rival], marketplace: "US", weeklyReport: false },
  });
  const { report } = (await requestReport(db, { workspaceId: ws.id, competitionId, trigger: "api" }))!;
  const { id: reportId } = await generateReport(db, report, reportWriter());
  fixture = { asin, runId: run.id, webhookId, competitionId, reportId };
  gets = (await discoverRoutes("api/v1")).filter((r) => r.method === "GET");
});

describe("ETag/304 on every GET under /api/v1", () => {
  it("has an example for every GET route on disk", () => {
    const without = gets.map((r) => r.path).filter((p) => !EXAMPLES[p]);
    expect(without, "add these to EXAMPLES in test/integration/etag.test.ts").toEqual([]);
  });

  it("declares every GET as cacheable in its contract", () => {
    const notCacheable = allContracts().filter(({ contract }) => contract.method === "GET" && !contract.etag).map(({ contract }) => contract.route);
    expect(notCacheable).toEqual([]);
  });

  it("answers with a strong ETag and Cache-Control, then 304 without a body on If-None-Match", async () => {
    for (const route of gets) {
      const example = EXAMPLES[route.path];
      if (!example) continue; // reported by the test above
      const { url, params } = example(fixture);
      const first = await callRoute(route.handler, url, { key: adminKey, params });
      expect(first.status, url).toBe(200);
      const etag = first.headers.get("etag");
      expect(etag, url).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers.get("cache-control"), url).toBeTruthy();
      expect(first.headers.get("x-cache"), url).toMatch(/^(HIT|MISS|STALE)$/);

      const body = await first.text();
      const repeat = await callRoute(route.handler, url, { key: adminKey, params });
      expect(repeat.headers.get("etag"), `${url}: same representation, same tag`).toBe(etag);
      expect(await repeat.text()).toBe(body);

      for (const ifNoneMatch of [etag!, `W/${etag}`, `"other", ${etag}`, "*"]) {
        const conditional = await callRoute(route.handler, url, { key: adminKey, params, headers: { "if-none-match": ifNoneMatch } });
        expect(conditional.status, `${url} If-None-Match: ${ifNoneMatch}`).toBe(304);
        expect(await conditional.text()).toBe("");
        expect(conditional.headers.get("etag")).toBe(etag);
      }
      const stale = await callRoute(route.handler, url, { key: adminKey, params, headers: { "if-none-match": '"not-the-tag"' } });
      expect(stale.status, url).toBe(200);
    }
  });

  it("serves bodies that match the documented response schema", async () => {
    for (const { contract } of allContracts().filter(({ contract }) => contract.method === "GET")) {
      const route = gets.find((r) => r.path === contract.route);
      const example = EXAMPLES[contract.route];
      const schema = contract.responses[200]?.schema;
      if (!route || !example || !schema) continue;
      const { url, params } = example(fixture);
      const res = await callRoute(route.handler, url, { key: adminKey, params });
      const text = await res.text();
      const body = res.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : text;
      const parsed = schema.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues, url).toEqual([]);
    }
  });
});
