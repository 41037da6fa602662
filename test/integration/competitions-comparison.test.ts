import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createCompetition } from "@/app/api/v1/competitions/route";
import { PATCH as patchCompetition } from "@/app/api/v1/competitions/[id]/route";
import { GET as getComparison } from "@/app/api/v1/competitions/[id]/comparison/route";
import { GET as getProduct } from "@/app/api/v1/products/[asin]/route";
import { GET as getMetrics } from "@/app/api/v1/products/[asin]/metrics/route";
import type { Database } from "@/db/client";
import { getRun } from "@/db/queries/runs";
import { competitorComparisonDaily } from "@/db/schema";
import { planRun } from "@/jobs/plan";
import { addDays, todayUtc } from "@/lib/dates";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";
import { countingSource, testPipeline } from "@/test/support/pipeline";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const end = addDays(todayUtc(), -1);
const weekBefore = addDays(end, -7);

let db: Database;
let ws: Ws;
let main: string;
let cheap: string;
let pricey: string;
let competitionId: string;

const json = (method: string, key: string, body: unknown, params?: Record<string, string>) => ({
  method, key, params, headers: { "content-type": "application/json" }, body: JSON.stringify(body),
});
const comparison = async (qs = "", id = competitionId) => {
  const res = await callRoute(getComparison, `/api/v1/competitions/${id}/comparison${qs}`, { key: ws.keys.viewer, params: { id } });
  expect(res.status).toBe(200);
  return res.json();
};
const product = async (asin: string, marketplace = "US") =>
  (await callRoute(getProduct, `/api/v1/products/${asin}?marketplace=${marketplace}`, { key: ws.keys.viewer, params: { asin } })).json();

beforeAll(async () => {
  db = (await testDatabase()).db;
  ws = await createWorkspace();
  // Ten crafted days ending yesterday; from day 3 on the main product is cheaper and ranks better.
  main = await storeProduct({ end, days: 10, day: (i) => ({ priceCents: i === 9 ? 1999 : 2199, bsr: i >= 3 ? 850 : 1000, rating: 4.1, reviews: 1200 + i, buyboxSeller: "Acme" }) });
  cheap = await storeProduct({ end, days: 10, day: (i) => ({ priceCents: 1749, bsr: i >= 3 ? 1200 : 2400, rating: 4.6, reviews: 3400, buyboxSeller: "Amazon" }) });
  pricey = await storeProduct({ end, days: 10, day: (i) => ({ priceCents: 2499, bsr: i >= 3 ? 4000 : 3000, rating: 4.4, reviews: 90 }) });
  const res = await callRoute(createCompetition, "/api/v1/competitions", json("POST", ws.keys.analyst, { name: "Crafted", main_asin: main, competitor_asins: [cheap, pricey] }));
  const body = await res.json();
  expect(body.backfilled_days).toBe(10);
  competitionId = body.id;
});

describe("comparison math on crafted data", () => {
  it("answers the latest day by default with gaps, ranks and the set summary", async () => {
    const body = await comparison();
    expect(body).toMatchObject({ competition_id: competitionId, date: end, currency: "USD" });
    expect(body.main).toEqual({ asin: main, price: 1999, bsr: 850, rating: 4.1, reviews: 1209, buybox_seller: "Acme", rank: { price: 2, bsr: 1, rating: 3, reviews: 2 } });
    expect(body.competitors).toEqual([
      {
        asin: cheap, price: 1749, price_gap: { abs: -250, pct: -12.51 }, bsr: 1200, bsr_gap: 350, bsr_ratio: 1.4118, rating: 4.6, rating_gap: 0.5,
        reviews: 3400, reviews_gap: 2191, buybox_seller: "Amazon", rank: { price: 1, bsr: 2, rating: 1, reviews: 1 },
      },
      {
        asin: pricey, price: 2499, price_gap: { abs: 500, pct: 25.01 }, bsr: 4000, bsr_gap: 3150, bsr_ratio: 4.7059, rating: 4.4, rating_gap: 0.3,
        reviews: 90, reviews_gap: -1119, buybox_seller: "Acme", rank: { price: 3, bsr: 3, rating: 2, reviews: 3 },
      },
    ]);
    expect(body.summary).toMatchObject({
      members: 3,
      cheapest: { asin: cheap, price: 1749 },
      best_rank: { asin: main, bsr: 850 },
      momentum_days: 7,
      fastest_climber: { asin: cheap, bsr_change_pct: -50 },
    });
    expect(body.summary.momentum).toEqual([
      { asin: main, price_change_pct: -9.1, bsr_change_pct: -15 },
      { asin: cheap, price_change_pct: 0, bsr_change_pct: -50 },
      { asin: pricey, price_change_pct: 0, bsr_change_pct: 33.33 },
    ]);
  });

  it("answers a past day with ?date= and a series with ?from=&to=", async () => {
    const past = await comparison(`?date=${weekBefore}`);
    expect(past.main).toMatchObject({ price: 2199, bsr: 1000 });
    expect(past.competitors[0]).toMatchObject({ asin: cheap, price_gap: { abs: -450, pct: -20.46 }, bsr_gap: 1400 });

    const series = await comparison(`?from=${addDays(end, -3)}&to=${end}`);
    expect(series.days.map((d: { date: string }) => d.date)).toEqual([addDays(end, -3), addDays(end, -2), addDays(end, -1), end]);
    expect(series.days.at(-1).competitors[1].price_gap.abs).toBe(500);

    const empty = await comparison(`?date=${addDays(end, -400)}`);
    expect(empty).toMatchObject({ date: addDays(end, -400), main: null, competitors: [] });
  });

  it.each([
    ["an impossible date", "?date=2026-02-30", "query.date"],
    ["date with from/to", `?date=${end}&from=${end}`, "query.date"],
    ["a reversed range", `?from=${end}&to=${addDays(end, -1)}`, "query.from"],
    ["a range over 730 days", `?from=${addDays(end, -800)}&to=${end}`, "query.to"],
  ])("refuses %s with 400", async (_, qs, path) => {
    const res = await callRoute(getComparison, `/api/v1/competitions/${competitionId}/comparison${qs}`, { key: ws.keys.viewer, params: { id: competitionId } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await callRoute(getComparison, `/api/v1/competitions/${competitionId}/comparison`, { key: ws.keys.viewer, params: { id: competitionId } });
    const etag = first.headers.get("etag")!;
    const again = await callRoute(getComparison, `/api/v1/competitions/${competitionId}/comparison`, { key: ws.keys.viewer, params: { id: competitionId }, headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("x-cache")).toMatch(/HIT|STALE/);
  });
});

describe("agreement with the product endpoints", () => {
  it("has gaps equal to the differences of GET /products/{asin} prices on the latest day", async () => {
    const body = await comparison();
    const mainProduct = await product(main);
    expect(mainProduct.date).toBe(body.date);
    expect(body.main.price).toBe(mainProduct.price);
    for (const competitor of body.competitors) {
      const p = await product(competitor.asin);
      expect(p.date).toBe(body.date);
      expect(competitor.price).toBe(p.price);
      expect(competitor.price_gap.abs).toBe(p.price - mainProduct.price);
      expect(competitor.price_gap.pct).toBeCloseTo(((p.price - mainProduct.price) / mainProduct.price) * 100, 2);
      expect(competitor.bsr_gap).toBe(p.bsr - mainProduct.bsr);
      expect(competitor.reviews_gap).toBe(p.reviews - mainProduct.reviews);
      expect(competitor.rating_gap).toBeCloseTo(p.rating - mainProduct.rating, 10);
      expect(competitor.buybox_seller).toBe(p.buybox_seller);
    }
  });

  it("has gaps equal to the differences of the metrics series on every past day", async () => {
    const from = addDays(end, -9);
    const series = await comparison(`?from=${from}&to=${end}`);
    const points = async (asin: string) =>
      (await (await callRoute(getMetrics, `/api/v1/products/${asin}/metrics?from=${from}&to=${end}`, { key: ws.keys.viewer, params: { asin } })).json()).points as Array<{ date: string; price: number }>;
    const [mainPoints, cheapPoints] = [await points(main), await points(cheap)];
    expect(series.days).toHaveLength(10);
    for (const day of series.days) {
      const m = mainPoints.find((p) => p.date === day.date)!;
      const c = cheapPoints.find((p) => p.date === day.date)!;
      expect(day.competitors[0].price_gap.abs).toBe(c.price - m.price);
    }
  });
});

describe("filled at finalize and rebuilt on edit", () => {
  it("compares every competition of the run's marketplace on the run's day", async () => {
    const [m, a, b] = [randomAsin(), randomAsin(), randomAsin()];
    const res = await callRoute(createCompetition, "/api/v1/competitions", json("POST", ws.keys.analyst, { name: "Belgium", main_asin: m, competitor_asins: [a, b], marketplace: "BE" }));
    const created = await res.json();
    expect(created).toMatchObject({ marketplace: "BE", backfilled_days: 0 });

    const p = testPipeline(db, countingSource());
    const run = await planRun(p, { date: "2026-04-06", marketplace: "BE" });
    await p.drain!();
    const done = (await getRun(db, run.id))!;
    expect(done.status).toBe("succeeded");
    expect(Object.keys(done.stepTimings)).toContain("comparison");

    const body = await comparison("?date=2026-04-06", created.id);
    expect(body.main.asin).toBe(m);
    expect(body.competitors.map((c: { asin: string }) => c.asin)).toEqual([a, b]);
    const mainProduct = await product(m, "BE");
    for (const competitor of body.competitors) {
      const p2 = await product(competitor.asin, "BE");
      expect(competitor.price_gap.abs).toBe(p2.price - mainProduct.price);
    }

    // Finalizing the same day again writes the same rows, no duplicates.
    const { finalizeRun } = await import("@/jobs/finalize");
    await finalizeRun(p, { runId: run.id, force: true });
    const rows = await db.select().from(competitorComparisonDaily).where(and(eq(competitorComparisonDaily.competitionId, created.id), eq(competitorComparisonDaily.date, "2026-04-06")));
    expect(rows).toHaveLength(3);
  });

  it("backfills a new member's stored history when the set is edited", async () => {
    const newcomer = await storeProduct({ end, days: 10, day: () => ({ priceCents: 1899 }) });
    const res = await callRoute(patchCompetition, `/api/v1/competitions/${competitionId}`, json("PATCH", ws.keys.analyst, { competitor_asins: [newcomer, cheap] }, { id: competitionId }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ competitor_asins: [newcomer, cheap], backfilled_days: 10 });
    const past = await comparison(`?date=${addDays(end, -5)}`);
    expect(past.competitors.map((c: { asin: string }) => c.asin)).toEqual([newcomer, cheap]);
    expect(past.competitors[0].price_gap.abs).toBe(1899 - 2199);
    const latest = await comparison();
    expect(latest.competitors.find((c: { asin: string }) => c.asin === pricey)).toBeUndefined();
    expect(latest.summary.members).toBe(3);
  });
});
