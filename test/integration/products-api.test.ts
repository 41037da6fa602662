import { beforeAll, describe, expect, it } from "vitest";
import { GET as listProducts } from "@/app/api/v1/products/route";
import { GET as getProduct } from "@/app/api/v1/products/[asin]/route";
import { GET as getMetrics } from "@/app/api/v1/products/[asin]/metrics/route";
import { addDays, todayUtc } from "@/lib/dates";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

const yesterday = addDays(todayUtc(), -1);
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let asin: string;

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
  // 40 days; price steps from 2000 to 2200 on the last day, BSR halves over 7 days.
  asin = await storeProduct({
    end: yesterday,
    days: 40,
    trackFor: ws.id,
    day: (i) => ({ priceCents: i === 39 ? 2200 : 2000, bsr: i >= 33 ? 500 : 1000, reviews: 100 + i }),
  });
});

describe("GET /api/v1/products/{asin}", () => {
  it("answers 401 without credentials and with an unknown key, as problem+json", async () => {
    for (const key of [undefined, "sw_live_not-a-real-key"]) {
      const res = await callRoute(getProduct, `/api/v1/products/${asin}`, { key, params: { asin } });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = await res.json();
      expect(body).toMatchObject({ status: 401, title: "Unauthorized" });
      expect(body.type).toMatch(/^https?:\/\//);
    }
  });

  it("answers 400 with field errors for a malformed ASIN", async () => {
    const res = await callRoute(getProduct, "/api/v1/products/NOPE", { key: ws.keys.viewer, params: { asin: "NOPE" } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual([expect.objectContaining({ path: "params.asin" })]);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });

  it("answers 404 for an unknown ASIN", async () => {
    const unknown = randomAsin();
    const res = await callRoute(getProduct, `/api/v1/products/${unknown}`, { key: ws.keys.viewer, params: { asin: unknown } });
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toContain(unknown);
  });

  it("returns the latest snapshot with 1d/7d/30d deltas and a 30-day sparkline", async () => {
    const res = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ asin, marketplace: "US", date: yesterday, price: 2200, currency: "USD", bsr: 500, reviews: 139 });
    expect(body.deltas.price["1d"]).toEqual({ abs: 200, pct: 10 });
    expect(body.deltas.bsr["7d"]).toEqual({ abs: -500, pct: -50 });
    expect(body.deltas.bsr["1d"]).toEqual({ abs: 0, pct: 0 });
    expect(body.deltas.reviews["30d"]).toEqual({ abs: 30 });
    expect(body.sparkline).toHaveLength(30);
    expect(body.sparkline.at(-1)).toEqual({ date: yesterday, price: 2200, bsr: 500 });
  });

  it("normalises lower-case and padded ASINs", async () => {
    const raw = `  ${asin.toLowerCase()} `;
    const res = await callRoute(getProduct, `/api/v1/products/${encodeURIComponent(raw)}`, { key: ws.keys.viewer, params: { asin: raw } });
    expect(res.status).toBe(200);
    expect((await res.json()).asin).toBe(asin);
  });

  it("serves a strong ETag, HIT on repeat, and 304 with no body on a matching If-None-Match", async () => {
    const first = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toBeTruthy();
    const again = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(again.headers.get("etag")).toBe(etag);
    const notModified = await callRoute(getProduct, `/api/v1/products/${asin}`, {
      key: ws.keys.viewer,
      params: { asin },
      headers: { "if-none-match": `W/${etag}, "other"` },
    });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
  });

  it("echoes a client's X-Request-Id and makes one otherwise", async () => {
    const echoed = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin }, headers: { "x-request-id": "trace-123" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-123");
    const made = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /api/v1/products/{asin}/metrics", () => {
  const path = () => `/api/v1/products/${asin}/metrics`;

  it("defaults to the last 30 days ending today", async () => {
    const res = await callRoute(getMetrics, path(), { key: ws.keys.viewer, params: { asin } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.to).toBe(todayUtc());
    expect(body.from).toBe(addDays(todayUtc(), -29));
    expect(body.points).toHaveLength(29); // data ends yesterday
    expect(body.points[0]).toMatchObject({ date: addDays(todayUtc(), -29), price: 2000, in_stock: true });
  });

  it("returns an explicit range inclusive of both ends", async () => {
    const from = addDays(yesterday, -9);
    const res = await callRoute(getMetrics, `${path()}?from=${from}&to=${yesterday}`, { key: ws.keys.viewer, params: { asin } });
    const body = await res.json();
    expect(body.points.map((p: { date: string }) => p.date)).toEqual(Array.from({ length: 10 }, (_, i) => addDays(from, i)));
  });

  it.each([
    ["a range over 730 days", "?from=2024-01-01&to=2026-01-01"],
    ["from after to", "?from=2026-03-02&to=2026-03-01"],
    ["an impossible date", "?from=2026-02-30"],
    ["a malformed date", "?to=yesterday"],
  ])("refuses %s with 400", async (_, qs) => {
    const res = await callRoute(getMetrics, path() + qs, { key: ws.keys.viewer, params: { asin } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json()).errors.length).toBeGreaterThan(0);
  });

  it("accepts exactly 730 days", async () => {
    const res = await callRoute(getMetrics, `${path()}?from=${addDays(yesterday, -729)}&to=${yesterday}`, { key: ws.keys.viewer, params: { asin } });
    expect(res.status).toBe(200);
    expect((await res.json()).points).toHaveLength(40);
  });

  it("answers 404 for an unknown product and 304 on a matching ETag", async () => {
    const unknown = randomAsin();
    expect((await callRoute(getMetrics, `/api/v1/products/${unknown}/metrics`, { key: ws.keys.viewer, params: { asin: unknown } })).status).toBe(404);
    const first = await callRoute(getMetrics, path(), { key: ws.keys.viewer, params: { asin } });
    const second = await callRoute(getMetrics, path(), { key: ws.keys.viewer, params: { asin }, headers: { "if-none-match": first.headers.get("etag")! } });
    expect(second.status).toBe(304);
  });
});

describe("GET /api/v1/products", () => {
  it("lists only the workspace's products, sorted and paged by cursor", async () => {
    const other = await createWorkspace();
    const prices = [500, 300, 900, null, 700];
    const asins: string[] = [];
    for (const price of prices) {
      asins.push(await storeProduct({ end: yesterday, days: 2, trackFor: other.id, day: () => ({ priceCents: price }) }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs = `?sort=-price&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await callRoute(listProducts, `/api/v1/products${qs}`, { key: other.keys.viewer });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i: { asin: string }) => i.asin));
      cursor = body.next_cursor;
    } while (cursor);
    // Highest price first, the product without a price last.
    const expected = [2, 4, 0, 1, 3].map((i) => asins[i]);
    expect(seen).toEqual(expected);
    expect(seen).not.toContain(asin);
  });

  it("filters by ?q= on ASIN, title or brand", async () => {
    const res = await callRoute(listProducts, `/api/v1/products?q=${asin.slice(0, 6).toLowerCase()}`, { key: ws.keys.viewer });
    const body = await res.json();
    expect(body.items.map((i: { asin: string }) => i.asin)).toContain(asin);
  });

  it("refuses an unknown sort, an out-of-range limit and a forged cursor", async () => {
    for (const qs of ["?sort=colour", "?limit=0", "?limit=201", "?cursor=bm9wZQ"]) {
      const res = await callRoute(listProducts, `/api/v1/products${qs}`, { key: ws.keys.viewer });
      expect(res.status, qs).toBe(400);
    }
  });
});
