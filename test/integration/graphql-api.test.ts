import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/graphql/route";
import { GET as getProductRest } from "@/app/api/v1/products/[asin]/route";
import { GET as getComparisonRest } from "@/app/api/v1/competitions/[id]/comparison/route";
import { detectAlerts } from "@/lib/alerts/detect-alerts";
import { createCompetition } from "@/lib/competitions/create-competition";
import { config } from "@/lib/config/env";
import { addDays, todayUtc } from "@/lib/dates";
import manifest from "@/lib/graphql/manifest.json";
import { metrics } from "@/lib/observability/metrics";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";
import { apqQuery, getPersisted, gqlData, postGraphql } from "@/test/support/graphql-client";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const route = (request: Request) => (request.method === "GET" ? GET(request) : POST(request));
const hashOf = (name: string) => manifest.operations.find((op) => op.name === name)!.hash;
/** A dashboard operation by its manifest hash, as the dashboard sends it. */
const dashboard = async (name: string, variables: Record<string, unknown>, key: string) => (await getPersisted(route, hashOf(name), variables, { key })).json();
const yesterday = addDays(todayUtc(), -1);

let ws: Ws;
let other: Ws;
let main: string;
let rival: string;
let competitionId: string;

beforeAll(async () => {
  const { db } = await testDatabase();
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  // A 20 % price drop yesterday: an alert for the tracking workspace.
  main = await storeProduct({ end: yesterday, days: 8, trackFor: ws.id, day: (i) => ({ priceCents: i === 7 ? 1600 : 2000, bsr: 1000 - i * 10 }) });
  rival = await storeProduct({ end: yesterday, days: 8, day: () => ({ priceCents: 2500, bsr: 700 }) });
  await detectAlerts(db, { runId: null, date: yesterday, marketplace: "US", asins: [main] });
  const created = await createCompetition({
    workspaceId: ws.id,
    competition: { name: "Kettles", mainAsin: main, competitorAsins: [rival], marketplace: "US", weeklyReport: false },
  });
  competitionId = created.id;
});

describe("authentication", () => {
  it("answers 401 problem+json without valid credentials, on GET and POST", async () => {
    for (const key of [undefined, "sw_not_a_real_key_000000000000"]) {
      const viaGet = await getPersisted(route, hashOf("RunsList"), {}, { key });
      const viaPost = await postGraphql(route, { extensions: { persistedQuery: { version: 1, sha256Hash: hashOf("RunsList") } } }, { key });
      for (const response of [viaGet, viaPost]) {
        expect(response.status).toBe(401);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(response.headers.get("x-request-id")).toBeTruthy();
        expect(response.headers.get("ratelimit-limit")).toBeTruthy(); // counted per client IP
      }
    }
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const response = await postGraphql(route, { query: `{ runs { nextCursor } } #${"x".repeat(1024 * 1024)}` }, { key: ws.keys.viewer });
    expect(response.status).toBe(413);
  });
});

describe("products", () => {
  it("lists the workspace's tracked products with their latest snapshot and deltas", async () => {
    const { data } = await dashboard("ProductsOverview", { first: 200 }, ws.keys.viewer);
    const item = data.products.items.find((p: { asin: string }) => p.asin === main);
    expect(item).toMatchObject({
      asin: main, marketplace: "US", title: `Product ${main}`, brand: "Acme",
      latest: { date: yesterday, currency: "USD", price: 1600, bsr: 930, priceDelta1d: { abs: -400, pct: -20 }, priceDelta7d: { abs: -400, pct: -20 } },
    });
    expect(item.latest.sparkline).toHaveLength(8);
    expect(item.trackedSince).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The competition tracked its rival too; the other workspace tracks nothing.
    expect(data.products.items.map((p: { asin: string }) => p.asin).sort()).toEqual([main, rival].sort());
    expect((await dashboard("ProductsOverview", {}, other.keys.viewer)).data.products.items).toEqual([]);
  });

  it("reads a product's series and shares the cache entry with REST", async () => {
    const { data } = await dashboard("ProductDetail", { asin: main.toLowerCase(), from: addDays(yesterday, -2), to: yesterday }, other.keys.viewer);
    expect(data.product).toMatchObject({ asin: main, latest: { price: 1600, rating30d: { abs: null } } });
    expect(data.product.series.map((p: { date: string; price: number }) => [p.date, p.price])).toEqual([
      [addDays(yesterday, -2), 2000], [addDays(yesterday, -1), 2000], [yesterday, 1600],
    ]);
    const rest = await callRoute(getProductRest, `/api/v1/products/${main}`, { key: other.keys.viewer, params: { asin: main } });
    expect(rest.headers.get("x-cache")).toBe("HIT");
    expect((await rest.json()).price).toBe(1600);
  });

  it("answers null for an unknown product and BAD_USER_INPUT for a malformed ASIN or range", async () => {
    expect((await dashboard("ProductDetail", { asin: randomAsin() }, ws.keys.viewer)).data.product).toBeNull();
    const bad = await dashboard("ProductDetail", { asin: "nope" }, ws.keys.viewer);
    expect(bad.errors[0]).toMatchObject({ path: ["product"], extensions: { code: "BAD_USER_INPUT" } });
    expect(bad.errors[0].extensions.errors[0].path).toBe("args.asin");
    const range = await dashboard("ProductDetail", { asin: main, from: "2020-01-01", to: yesterday }, ws.keys.viewer);
    expect(range.data.product).toBeNull(); // series is non-null, so its error nulls the product
    expect(range.errors[0]).toMatchObject({ path: ["product", "series"], extensions: { code: "BAD_USER_INPUT" } });
  });
});

describe("alerts", () => {
  it("lists the workspace's alerts with their product, and no other workspace's", async () => {
    const { data } = await dashboard("AlertsInbox", {}, ws.keys.viewer);
    expect(data.alerts.items).toEqual([
      expect.objectContaining({ asin: main, date: yesterday, kind: "price_down", oldValue: 2000, newValue: 1600, change: -20, status: "open", product: { title: `Product ${main}`, imageUrl: null } }),
    ]);
    expect((await dashboard("AlertsInbox", {}, other.keys.viewer)).data.alerts.items).toEqual([]);
  });

  it("lets an analyst acknowledge, refuses a viewer, another workspace and GET", async () => {
    const [alert] = (await dashboard("AlertsInbox", {}, ws.keys.viewer)).data.alerts.items;
    const ack = (key: string) => postGraphql(route, { variables: { id: alert.id }, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf("AcknowledgeAlert") } } }, { key });

    const viewer = await (await ack(ws.keys.viewer)).json();
    expect(viewer.errors[0]).toMatchObject({ path: ["acknowledgeAlert"], extensions: { code: "FORBIDDEN" } });
    const stranger = await (await ack(other.keys.analyst)).json();
    expect(stranger.errors[0].extensions.code).toBe("NOT_FOUND");

    const viaGet = await getPersisted(route, hashOf("AcknowledgeAlert"), { id: alert.id }, { key: ws.keys.analyst });
    expect(viaGet.status).toBe(405);

    const done = await (await ack(ws.keys.analyst)).json();
    expect(done.data.acknowledgeAlert).toMatchObject({ id: alert.id, status: "acknowledged" });
    // Acknowledging bumps the workspace's version: the cached inbox shows it at once.
    expect((await dashboard("AlertsInbox", {}, ws.keys.viewer)).data.alerts.items).toEqual([]);
    expect((await dashboard("AlertsInbox", { status: "ALL" }, ws.keys.viewer)).data.alerts.items[0].status).toBe("acknowledged");
  });
});

describe("competitions", () => {
  it("reads a competition with its comparison, the same numbers as REST", async () => {
    const { data, errors } = await dashboard("CompetitionDetail", { id: competitionId }, ws.keys.viewer);
    expect(errors).toBeUndefined();
    expect(data.competition).toMatchObject({ id: competitionId, name: "Kettles", main: { asin: main }, competitors: [{ asin: rival, title: `Product ${rival}` }], reports: [] });
    const comparison = data.competition.comparison;
    expect(comparison).toMatchObject({ date: yesterday, currency: "USD", main: { asin: main, price: 1600, bsr: 930 } });
    expect(comparison.competitors[0]).toMatchObject({ asin: rival, price: 2500, priceGap: { abs: 900 }, bsr: 700, bsrGap: -230, product: { title: `Product ${rival}` } });
    expect(comparison.summary).toMatchObject({ members: 2, cheapest: { asin: main, value: 1600 }, bestRank: { asin: rival, value: 700 } });

    const rest = await callRoute(getComparisonRest, `/api/v1/competitions/${competitionId}/comparison`, { key: ws.keys.viewer, params: { id: competitionId } });
    expect(rest.headers.get("x-cache")).toBe("HIT");
    const body = await rest.json();
    expect(body.competitors[0].price_gap).toEqual(comparison.competitors[0].priceGap);
    expect(body.summary.momentum).toHaveLength(comparison.summary.momentum.length);
  });

  it("treats another workspace's competition and report like unknown ones (NOT_FOUND)", async () => {
    for (const id of [competitionId, randomUUID()]) {
      const body = await dashboard("CompetitionDetail", { id }, other.keys.viewer);
      expect(body.data).toEqual({ competition: null });
      expect(body.errors).toEqual([expect.objectContaining({ message: `No competition ${id}.`, path: ["competition"], extensions: { code: "NOT_FOUND" } })]);
    }
    const report = await dashboard("Report", { id: randomUUID() }, ws.keys.viewer);
    expect(report.errors[0].extensions.code).toBe("NOT_FOUND");
    const list = await dashboard("CompetitionsOverview", {}, other.keys.viewer);
    expect(list.data.competitions.items).toEqual([]);
  });
});

describe("rate limits", () => {
  it("puts RateLimit-* on every answer and answers 429 problem+json past the graphql policy", async () => {
    const before = config().rateLimits.graphql;
    config().rateLimits.graphql = { limit: 2, windowMs: 60_000 };
    try {
      const fresh = await createWorkspace();
      const responses: Response[] = [];
      for (let i = 0; i < 3; i += 1) responses.push(await getPersisted(route, hashOf("RunsList"), {}, { key: fresh.keys.viewer }));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(responses.map((r) => r.headers.get("ratelimit-remaining"))).toEqual(["1", "0", "0"]);
      expect(responses[0]!.headers.get("ratelimit-limit")).toBe("2");
      expect(Number(responses[0]!.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
      expect(responses[2]!.headers.get("content-type")).toBe("application/problem+json");
      expect(Number(responses[2]!.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      config().rateLimits.graphql = before;
    }
  });
});

describe("runs and observability", () => {
  it("lists runs and answers NOT_FOUND for an unknown run", async () => {
    const { data } = await dashboard("RunsList", { first: 5 }, ws.keys.viewer);
    expect(Array.isArray(data.runs.items)).toBe(true);
    const missing = await dashboard("RunDetail", { id: randomUUID() }, ws.keys.viewer);
    expect(missing).toMatchObject({ data: { run: null }, errors: [{ extensions: { code: "NOT_FOUND" } }] });
  });

  it("times every request in Prometheus under the /api/graphql route", async () => {
    const count = async () =>
      (await metrics().httpRequestDuration.get()).values
        .filter((v) => v.metricName === "http_request_duration_seconds_count" && v.labels.route === "/api/graphql")
        .reduce((sum, v) => sum + v.value, 0);
    const before = await count();
    await apqQuery(route, `query Ping { runs(first: 1) { nextCursor } } # ${randomUUID()}`, undefined, { key: ws.keys.viewer });
    expect(await count()).toBe(before + 2); // the hash miss and the registration
  });
});
