import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as batch } from "@/app/api/v1/metrics:batch/route";
import { GET as getProduct } from "@/app/api/v1/products/[asin]/route";
import { GET as getMetrics } from "@/app/api/v1/products/[asin]/metrics/route";
import { cacheStore } from "@/lib/cache/runtime";
import { addDays, todayUtc } from "@/lib/dates";
import { metrics } from "@/lib/observability/metrics";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

const yesterday = addDays(todayUtc(), -1);
const JSON_TYPE = { "content-type": "application/json" };
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let asins: string[];

const post = (body: unknown, key: string = ws.keys.viewer) =>
  callRoute(batch, "/api/v1/metrics:batch", { method: "POST", key, headers: JSON_TYPE, body: JSON.stringify(body) });

/** How often each named query ran so far (db_query_duration_seconds_count). */
async function queryCounts(): Promise<Record<string, number>> {
  const { values } = await metrics().dbQueryDuration.get();
  return Object.fromEntries(values.filter((v) => v.metricName === "db_query_duration_seconds_count").map((v) => [String(v.labels.query), v.value]));
}

async function queriesDuring(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await queryCounts();
  await work();
  const after = await queryCounts();
  return Object.fromEntries(Object.entries(after).filter(([name, n]) => n !== (before[name] ?? 0)).map(([name, n]) => [name, n - (before[name] ?? 0)]));
}

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
  asins = [];
  // Five products with 10 days each; price i*100 + day so every row is distinguishable.
  for (let p = 0; p < 5; p++) asins.push(await storeProduct({ end: yesterday, days: 10, day: (i) => ({ priceCents: (p + 1) * 100 + i }) }));
});

afterEach(() => vi.restoreAllMocks());

describe("POST /api/v1/metrics:batch", () => {
  it("needs credentials", async () => {
    const res = await callRoute(batch, "/api/v1/metrics:batch", { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ asins }) });
    expect(res.status).toBe(401);
  });

  it("returns the latest snapshot of each ASIN and lists unknown ones as missing", async () => {
    const unknown = randomAsin();
    const res = await post({ asins: [asins[0]!.toLowerCase(), unknown, asins[1]] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(Object.keys(body.items).sort()).toEqual([asins[0], asins[1]].sort());
    expect(body.missing).toEqual([unknown]);
    expect(body.items[asins[0]!].latest).toMatchObject({ asin: asins[0], date: yesterday, price: 109 });
    expect(body.items[asins[0]!].points).toBeUndefined();
    // The same body the single read serves.
    const single = await callRoute(getProduct, `/api/v1/products/${asins[1]}`, { key: ws.keys.viewer, params: { asin: asins[1]! } });
    expect(body.items[asins[1]!].latest).toEqual(await single.json());
  });

  it("includes the series when a range is named, equal to GET …/metrics", async () => {
    const from = addDays(yesterday, -3);
    const body = await (await post({ asins: asins.slice(0, 3), from, to: yesterday })).json();
    for (const asin of asins.slice(0, 3)) {
      expect(body.items[asin].points).toHaveLength(4);
      const single = await callRoute(getMetrics, `/api/v1/products/${asin}/metrics?from=${from}&to=${yesterday}`, { key: ws.keys.viewer, params: { asin } });
      expect(body.items[asin].points).toEqual((await single.json()).points);
    }
  });

  it("gives an empty series for a range without data, and applies the 730-day rule", async () => {
    const body = await (await post({ asins: [asins[4]], from: "2020-01-01", to: "2020-01-31" })).json();
    expect(body.items[asins[4]!].points).toEqual([]);
    const tooLong = await post({ asins: [asins[4]], from: "2020-01-01", to: "2022-01-01" });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors).toEqual([expect.objectContaining({ path: "body.to" })]);
  });

  it("reads with one multi-get and one query per kind of miss, then serves HIT without the database", async () => {
    const fresh: string[] = [];
    for (let i = 0; i < 30; i++) fresh.push(await storeProduct({ end: yesterday, days: 3 }));
    const mget = vi.spyOn(cacheStore(), "mget");
    const get = vi.spyOn(cacheStore(), "get");
    let first!: Response;
    const cold = await queriesDuring(async () => (first = await post({ asins: fresh, from: addDays(yesterday, -2), to: yesterday })));
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(cold).toEqual({ "mart.product_latest.get_many": 1, "core.metrics_series_many": 1 });
    // All 60 entries (30 snapshots, 30 series) in one multi-get; any other call is the scope's version.
    expect(mget.mock.calls.map((call) => call[0].length).filter((n) => n !== 1)).toEqual([60]);
    expect(get).not.toHaveBeenCalled();

    let second!: Response;
    const warm = await queriesDuring(async () => (second = await post({ asins: fresh, from: addDays(yesterday, -2), to: yesterday })));
    expect(warm).toEqual({});
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.json()).toEqual(await first.json());
  });

  it("shares cache entries with the single reads: a product read alone is a hit in a batch", async () => {
    const asin = await storeProduct({ end: yesterday, days: 2 });
    await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
    const queries = await queriesDuring(() => post({ asins: [asin] }));
    expect(queries).toEqual({});
  });

  it("answers 400 for more than 100 ASINs, a malformed ASIN, or a missing list", async () => {
    const many = Array.from({ length: 101 }, () => randomAsin());
    const cases: Array<[unknown, string]> = [
      [{ asins: many }, "body.asins"],
      [{ asins: [asins[0], "NOPE"] }, "body.asins.1"],
      [{}, "body.asins"],
      [{ asins: [asins[0]], from: "2026-02-30" }, "body.from"],
      [{ asins: [asins[0]], marketplace: "XX" }, "body.marketplace"],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post({ asins: Array.from({ length: 100 }, () => randomAsin()) })).status).toBe(200);
  });
});
