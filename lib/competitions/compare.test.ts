import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDay, roundTo, type MemberMetrics } from "./compare";

const member = (asin: string, values: Partial<MemberMetrics> = {}): MemberMetrics => ({
  asin, isMain: false, priceCents: 2000, currency: "USD", bsr: 1000, rating: 4.5, reviews: 100, buyboxSeller: "Acme", ...values,
});

// A crafted day: the main product is mid-priced, best ranked, worst rated.
const MAIN = member("MAIN000001", { isMain: true, priceCents: 1999, bsr: 850, rating: 4.1, reviews: 1200 });
const CHEAP = member("CHEAP00001", { priceCents: 1749, bsr: 1200, rating: 4.6, reviews: 3400, buyboxSeller: "Amazon" });
const PRICEY = member("PRICEY0001", { priceCents: 2499, bsr: 4000, rating: 4.4, reviews: 90 });
const TIED = member("TIED000001", { priceCents: 1999, bsr: null, rating: 4.6, reviews: null });

describe("compareDay", () => {
  const [main, cheap, pricey, tied] = compareDay([MAIN, CHEAP, PRICEY, TIED]);

  it("computes gaps against the main product (competitor minus main)", () => {
    expect(cheap).toMatchObject({ priceGapCents: -250, priceGapPct: -12.51, bsrGap: 350, bsrRatio: 1.4118, ratingGap: 0.5, reviewsGap: 2200 });
    expect(pricey).toMatchObject({ priceGapCents: 500, priceGapPct: 25.01, bsrGap: 3150, bsrRatio: 4.7059, ratingGap: 0.3, reviewsGap: -1110 });
    expect(tied).toMatchObject({ priceGapCents: 0, priceGapPct: 0, bsrGap: null, bsrRatio: null, reviewsGap: null });
    expect(cheap!.buyboxSeller).toBe("Amazon");
  });

  it("gives the main row no gaps of its own", () => {
    expect(main).toMatchObject({ priceGapCents: null, priceGapPct: null, bsrGap: null, bsrRatio: null, ratingGap: null, reviewsGap: null });
  });

  it("ranks within the set: cheapest, lowest BSR, highest rating and most reviews are 1; ties share a rank", () => {
    expect([main, cheap, pricey, tied].map((m) => m!.rankPrice)).toEqual([2, 1, 4, 2]);
    expect([main, cheap, pricey, tied].map((m) => m!.rankBsr)).toEqual([1, 2, 3, null]);
    expect([main, cheap, pricey, tied].map((m) => m!.rankRating)).toEqual([4, 1, 3, 1]);
    expect([main, cheap, pricey, tied].map((m) => m!.rankReviews)).toEqual([2, 1, 3, null]);
  });

  it("summarises the set on the main row only", () => {
    expect(main!.summary).toMatchObject({
      members: 4,
      cheapest: { asin: "CHEAP00001", price: 1749 },
      best_rank: { asin: "MAIN000001", bsr: 850 },
      highest_rated: { asin: "CHEAP00001", rating: 4.6 },
      most_reviewed: { asin: "CHEAP00001", reviews: 3400 },
      momentum_days: 7,
      fastest_climber: null,
    });
    expect(cheap!.summary).toBeNull();
  });

  it("measures 7-day momentum and names the fastest climber (the largest BSR fall)", () => {
    const earlier = new Map([
      ["MAIN000001", { priceCents: 2199, bsr: 1000 }],
      ["CHEAP00001", { priceCents: 1749, bsr: 2400 }],
      ["PRICEY0001", { priceCents: null, bsr: 3000 }],
    ]);
    const summary = compareDay([MAIN, CHEAP, PRICEY, TIED], earlier)[0]!.summary!;
    expect(summary.momentum).toEqual([
      { asin: "MAIN000001", price_change_pct: -9.1, bsr_change_pct: -15 },
      { asin: "CHEAP00001", price_change_pct: 0, bsr_change_pct: -50 },
      { asin: "PRICEY0001", price_change_pct: null, bsr_change_pct: 33.33 },
      { asin: "TIED000001", price_change_pct: null, bsr_change_pct: null },
    ]);
    expect(summary.fastest_climber).toEqual({ asin: "CHEAP00001", bsr_change_pct: -50 });
  });

  it("does not compare a price in another currency", () => {
    const [, other] = compareDay([MAIN, member("CAD0000001", { priceCents: 1500, currency: "CAD" })]);
    expect(other).toMatchObject({ priceGapCents: null, priceGapPct: null, rankPrice: null });
  });

  it("leaves every gap empty when the main product has no data that day", () => {
    const missing = member("MAIN000001", { isMain: true, priceCents: null, currency: null, bsr: null, rating: null, reviews: null });
    const [, cheap] = compareDay([missing, CHEAP]);
    expect(cheap).toMatchObject({ priceGapCents: null, priceGapPct: null, bsrGap: null, ratingGap: null, reviewsGap: null, rankPrice: 1 });
  });

  it("refuses a day without a main member", () => {
    expect(() => compareDay([CHEAP])).toThrow(/main/);
  });

  it("keeps the gap identity price = main price + gap for any prices", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 10 }), (mainPrice, prices) => {
        const rows = compareDay([member("M", { isMain: true, priceCents: mainPrice }), ...prices.map((p, i) => member(`C${i}`, { priceCents: p }))]);
        for (const row of rows.slice(1)) {
          expect(row.priceCents).toBe(mainPrice + row.priceGapCents!);
          expect(Math.abs(row.priceGapPct! - ((row.priceCents! - mainPrice) / mainPrice) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
        }
        // Ranks are 1-based and a member ranked 1 is never more expensive than another.
        const cheapest = rows.filter((r) => r.rankPrice === 1).map((r) => r.priceCents!);
        expect(Math.max(...cheapest)).toBe(Math.min(...rows.map((r) => r.priceCents!)));
      }),
    );
  });
});

describe("roundTo", () => {
  it("rounds half away from zero, immune to binary noise", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(roundTo(12.5, 0)).toBe(13);
    expect(roundTo(4.6 - 4.1, 2)).toBe(0.5);
  });
});
