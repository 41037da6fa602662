import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isIsoDate, todayUtc } from "@/lib/dates";
import { ASIN_PATTERN } from "@/lib/products/asin";
import { normalizeApifyItem } from "@/lib/products/normalize";
import { type DemoAnomaly, injectedAnomalies } from "./anomalies";
import { demoCatalog, type DemoProduct } from "./catalog";
import { demoEvents } from "./events";
import { type ApifyItemLike, generateDemoItem } from "./generator";

const START = "2026-01-01";
const END = "2026-12-31";
const YEAR = daysBetween(START, END) + 1;
const catalog = demoCatalog(50);

const dates = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// A year of items per product, generated once and shared by the statistical tests below.
const yearCache = new Map<string, ApifyItemLike[]>();
function year(product: DemoProduct): ApifyItemLike[] {
  let items = yearCache.get(product.asin);
  if (!items) {
    items = dates(START, YEAR).map((date) => generateDemoItem(product, date));
    yearCache.set(product.asin, items);
  }
  return items;
}

const index = (date: string) => daysBetween(START, date);
const rankOf = (item: ApifyItemLike) => item.bestsellerRanks[0].rank;

/** Every day touched by a routine event or an injected anomaly, as indexes into the year. */
function eventfulDays(product: DemoProduct): Set<number> {
  const days = new Set<number>();
  const mark = (start: string, length: number) => {
    for (let i = 0; i < length; i++) days.add(index(start) + i);
  };
  for (const e of demoEvents(product, addDays(START, -30), END)) mark(e.start, daysBetween(e.start, e.end) + 1);
  for (const a of injectedAnomalies(product, addDays(START, -30), END)) mark(a.date, a.kind === "stock_out" ? a.magnitude : 1);
  return days;
}

describe("demoCatalog", () => {
  it("is deterministic and prefix-stable", () => {
    expect(demoCatalog(50)).toEqual(catalog);
    expect(demoCatalog(10)).toEqual(catalog.slice(0, 10));
  });

  it("varies with the seed", () => {
    const other = demoCatalog(50, { seed: "other" });
    expect(other.filter((p) => catalog.some((q) => q.asin === p.asin))).toHaveLength(0);
  });

  it("gives unique, valid ASINs", () => {
    const many = demoCatalog(2000);
    expect(new Set(many.map((p) => p.asin)).size).toBe(2000);
    for (const p of many) expect(p.asin).toMatch(/^B0[A-Z0-9]{8}$/);
    expect(many.every((p) => ASIN_PATTERN.test(p.asin))).toBe(true);
  });

  it("spreads products over six categories", () => {
    const counts = new Map<string, number>();
    for (const p of catalog) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(8);
  });
});

describe("generateDemoItem", () => {
  it("is deterministic", () => {
    for (const product of catalog.slice(0, 5)) {
      for (const date of ["2026-03-14", "2026-11-28", "2027-06-01"]) {
        expect(generateDemoItem(product, date)).toEqual(generateDemoItem(structuredClone(product), date));
      }
    }
  });

  it("gives random access: a day does not depend on which days were generated before", () => {
    const product = catalog[7];
    const target = "2026-08-20";
    const cold = generateDemoItem(product, target);
    const forward = dates(addDays(target, -120), 121).map((d) => generateDemoItem(product, d));
    const backward = dates(target, 60).reverse().map((d) => generateDemoItem(product, d));
    expect(forward.at(-1)).toEqual(cold);
    expect(backward.at(-1)).toEqual(cold);
  });

  it("never lets review counts fall from one day to the next (365 days × 50 products)", () => {
    for (const product of catalog) {
      const reviews = year(product).map((item) => item.reviewsCount);
      for (let i = 1; i < reviews.length; i++) expect(reviews[i]).toBeGreaterThanOrEqual(reviews[i - 1]);
      expect(reviews.at(-1)).toBeGreaterThan(reviews[0]);
    }
  });

  it("keeps the rating within ±0.2 of the product's base, in 0.1 steps", () => {
    for (const product of catalog) {
      for (const { stars } of year(product)) {
        expect(Math.abs(stars - product.baseRating)).toBeLessThanOrEqual(0.2 + 1e-9);
        expect(Math.round(stars * 10)).toBeCloseTo(stars * 10, 9);
        expect(stars).toBeLessThanOrEqual(5);
      }
    }
  });

  it("produces items normalizeApifyItem accepts (90 days × 50 products)", () => {
    for (const product of catalog) {
      for (const date of dates(START, 90)) {
        const result = normalizeApifyItem(generateDemoItem(product, date), { date });
        if (!result.ok) throw new Error(`${product.asin} ${date}: ${result.error}`);
        const { metrics } = result;
        expect(metrics).toMatchObject({ marketplace: "US", asin: product.asin, bsrCategory: product.category });
        expect(result.product.category).toBe(product.category);
        if (metrics.inStock) {
          expect(metrics.currency).toBe("USD");
          expect(metrics.priceCents).toBeGreaterThanOrEqual(Math.round(product.basePrice * 40));
          expect(metrics.priceCents).toBeLessThanOrEqual(Math.round(product.basePrice * 180));
          expect(metrics.buyboxSeller).not.toBeNull();
          expect(metrics.buyboxPriceCents).toBe(metrics.priceCents);
        } else {
          expect(metrics).toMatchObject({ inStock: false, priceCents: null, buyboxSeller: null });
        }
      }
    }
  });

  it("runs multi-day promotions with a list price 10–25 % above the deal", () => {
    let promoDays = 0;
    for (const product of catalog) {
      const items = year(product);
      const before = promoDays;
      for (const event of demoEvents(product, START, END).filter((e) => e.kind === "promo")) {
        expect(daysBetween(event.start, event.end)).toBeGreaterThanOrEqual(2);
        for (let i = Math.max(0, index(event.start)); i <= Math.min(YEAR - 1, index(event.end)); i++) {
          const item = items[i];
          if (!item.price) continue;
          promoDays++;
          expect(item.listPrice).not.toBeNull();
          const ratio = item.price.value / (item.listPrice?.value ?? NaN);
          expect(ratio).toBeGreaterThan(0.68);
          expect(ratio).toBeLessThan(0.95);
        }
      }
      // The list price shows on promotion days and nowhere else.
      expect(items.filter((item) => item.listPrice !== null).length).toBe(promoDays - before);
    }
    expect(promoDays).toBeGreaterThan(50 * 20);
  });

  it("has multi-day stock-outs and reseller buy-box spells", () => {
    let stockOuts = 0;
    let resellerDays = 0;
    for (const product of catalog) {
      const items = year(product);
      for (const event of demoEvents(product, START, END)) {
        const [first, last] = [Math.max(0, index(event.start)), Math.min(YEAR - 1, index(event.end))];
        for (let i = first; i <= last; i++) {
          if (event.kind === "stock_out") {
            expect(items[i]).toMatchObject({ inStock: false, inStockText: "Currently unavailable.", price: null, seller: null });
          } else if (event.kind === "buybox_change" && items[i].inStock) {
            expect(items[i].seller?.name).not.toBe(product.seller.name);
            resellerDays++;
          }
        }
        if (event.kind === "stock_out") stockOuts++;
      }
    }
    expect(stockOuts).toBeGreaterThan(50);
    expect(resellerDays).toBeGreaterThan(100);
  });

  it("ranks gift categories better in December and outdoor gear better in summer", () => {
    const meanLogRank = (products: DemoProduct[], from: string, days: number) => {
      const logs = products.flatMap((p) => dates(from, days).map((d) => Math.log(rankOf(year(p)[index(d)]))));
      return logs.reduce((a, b) => a + b, 0) / logs.length;
    };
    const gifts = catalog.filter((p) => p.season === "q4");
    const outdoor = catalog.filter((p) => p.season === "summer");
    expect(meanLogRank(gifts, "2026-12-01", 20) - meanLogRank(gifts, "2026-06-01", 20)).toBeLessThan(-0.25);
    expect(meanLogRank(outdoor, "2026-06-20", 20) - meanLogRank(outdoor, "2026-01-10", 20)).toBeLessThan(-0.2);
  });
});

describe("injectedAnomalies", () => {
  const all = new Map<string, DemoAnomaly[]>(catalog.map((p) => [p.asin, injectedAnomalies(p, START, END)]));

  it("is deterministic, ordered and limited to the range", () => {
    const product = catalog[3];
    const listed = all.get(product.asin) ?? [];
    expect(injectedAnomalies(product, START, END)).toEqual(listed);
    expect(listed.map((a) => a.date)).toEqual([...listed.map((a) => a.date)].sort());
    const spring = injectedAnomalies(product, "2026-03-01", "2026-05-31");
    expect(spring).toEqual(listed.filter((a) => a.date >= "2026-03-01" && a.date <= "2026-05-31"));
  });

  it("occurs about once per product per 60 days, in every kind", () => {
    const anomalies = [...all.values()].flat();
    const perProductPer60Days = (anomalies.length / catalog.length) * (60 / YEAR);
    expect(perProductPer60Days).toBeGreaterThan(0.6);
    expect(perProductPer60Days).toBeLessThan(1.3);
    expect(new Set(anomalies.map((a) => a.kind)).size).toBe(6);
  });

  it("shows each anomaly in the items on its date, against the trailing week", () => {
    for (const product of catalog) {
      const items = year(product);
      for (const anomaly of all.get(product.asin) ?? []) {
        const i = index(anomaly.date);
        if (i < 7 || i + 2 >= YEAR) continue;
        const week = items.slice(i - 7, i);
        const item = items[i];
        const priceRatio = (item.price?.value ?? NaN) / median(week.map((w) => w.price?.value ?? NaN));
        const rankRatio = rankOf(item) / median(week.map(rankOf));
        const where = `${product.asin} ${anomaly.kind} ${anomaly.date}`;
        switch (anomaly.kind) {
          case "price_spike":
            expect(priceRatio, where).toBeGreaterThan(1 + anomaly.magnitude - 0.08);
            break;
          case "price_drop":
            expect(priceRatio, where).toBeLessThan(1 - anomaly.magnitude + 0.08);
            break;
          case "bsr_jump":
            expect(rankRatio, where).toBeGreaterThan(2);
            break;
          case "bsr_drop":
            expect(rankRatio, where).toBeLessThan(0.55);
            break;
          case "stock_out":
            for (let d = 0; d < anomaly.magnitude; d++) expect(items[i + d], where).toMatchObject({ inStock: false, price: null });
            expect(items[i - 1].inStock, where).toBe(true);
            expect(items[i + anomaly.magnitude].inStock, where).toBe(true);
            break;
          case "buybox_lost":
            expect(item.seller?.name, where).not.toBe(product.seller.name);
            expect(items[i - 1].seller?.name, where).toBe(product.seller.name);
            expect(Math.abs(priceRatio - 1), where).toBeLessThan(0.12);
            break;
        }
      }
    }
  });
});

describe("routine noise", () => {
  it("rarely moves price > 8 % or rank > 25 % against the trailing 7-day median", () => {
    let days = 0;
    let bigPriceMoves = 0;
    let bigRankMoves = 0;
    for (const product of catalog) {
      const items = year(product);
      const eventful = eventfulDays(product);
      for (let i = 7; i < YEAR; i++) {
        const window = items.slice(i - 7, i + 1);
        if (window.some((_, k) => eventful.has(i - 7 + k)) || window.some((w) => w.price === null)) continue;
        days++;
        const prices = window.map((w) => w.price?.value ?? NaN);
        const ranks = window.map(rankOf);
        if (Math.abs(prices[7] / median(prices.slice(0, 7)) - 1) > 0.08) bigPriceMoves++;
        if (Math.abs(ranks[7] / median(ranks.slice(0, 7)) - 1) > 0.25) bigRankMoves++;
      }
    }
    expect(days).toBeGreaterThan(50 * 150);
    expect(bigPriceMoves / days).toBeLessThan(0.03);
    expect(bigRankMoves / days).toBeLessThan(0.03);
  });
});

// The generator is the first user of lib/dates; its edge cases are pinned here.
describe("lib/dates", () => {
  it("validates real calendar dates", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });

  it("adds and counts days across month, year and DST boundaries", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-03-10", "2026-03-01")).toBe(-9);
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });

  it("reads today in UTC", () => {
    expect(todayUtc(new Date("2026-05-02T23:30:00-05:00"))).toBe("2026-05-03");
    expect(isIsoDate(todayUtc())).toBe(true);
  });
});
