import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inStockFromText, normalizeApifyItem, parseBestSellersRank, resolveCurrency, toMinorUnits } from "./normalize";

// Real actor output, copied into the repo so the suite does not depend on anything outside it.
const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/apify");
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8"));

const full = fixture("junglee-amazon-crawler.json") as Record<string, unknown>;
const overview = fixture("junglee-amazon-crawler.overview-fields.json") as Record<string, unknown>[];
const ctx = { date: "2026-05-02" };

function ok(raw: unknown, context: { date: string; marketplace?: "US" | "DE" | "JP" } = ctx) {
  const result = normalizeApifyItem(raw, context);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result;
}

function failure(raw: unknown) {
  const result = normalizeApifyItem(raw, ctx);
  if (result.ok) throw new Error("expected ok:false");
  return result;
}

const minimal = (extra: Record<string, unknown> = {}) => ({ asin: "B000000001", ...extra });

describe("normalizeApifyItem on real fixtures", () => {
  it("normalizes the full amazon.com.au record", () => {
    const { product, metrics } = ok(full);
    expect(product).toEqual({
      asin: "B0D3V6Y38G",
      marketplace: "AU",
      title: full.title,
      brand: "Loop",
      category: "Health, Household & Personal Care",
      imageUrl: "https://m.media-amazon.com/images/I/51LoWFxlsEL._AC_SY300_SX300_QL70_ML2_.jpg",
      url: "https://www.amazon.com.au/dp/B0D3V6Y38G",
    });
    expect(metrics).toEqual({
      asin: "B0D3V6Y38G",
      marketplace: "AU",
      date: "2026-05-02",
      priceCents: 3995,
      listPriceCents: null,
      currency: "AUD",
      bsr: 28,
      bsrCategory: "Health, Household & Personal Care",
      rating: 4.2,
      reviews: 23642,
      buyboxSeller: "Loop Earplugs AU",
      buyboxPriceCents: 3995,
      inStock: true,
      offersCount: null,
    });
  });

  it("normalizes the amazon.ca overview-field records", () => {
    const [sled, fuelTank, earrings] = overview.map((raw) => ok(raw));
    expect(sled.metrics).toMatchObject({ marketplace: "CA", currency: "CAD", priceCents: 99189, rating: 4.4, reviews: 111 });
    expect(sled.product.category).toBe("Sports & Outdoors");

    expect(fuelTank.metrics).toMatchObject({ asin: "B004AP8MNS", priceCents: null, currency: null, inStock: null });
    expect(fuelTank.metrics.bsr).toBeNull();

    // Empty breadcrumbs and no best-seller ranks: nothing to fall back on.
    expect(earrings.product.category).toBeNull();
    expect(earrings.metrics).toMatchObject({ priceCents: 10900, currency: "CAD", buyboxSeller: null, offersCount: null });
  });

  it("falls back to the best-seller category when breadcrumbs are empty", () => {
    const { product } = ok({ ...full, breadCrumbs: "" });
    expect(product.category).toBe("Health, Household & Personal Care");
  });
});

describe("malformed items", () => {
  const cases: [string, unknown, RegExp, string | null][] = [
    ["missing asin", { ...full, asin: undefined }, /^asin: required/, null],
    ["short asin", { ...full, asin: "123" }, /^asin: .*10 characters/, null],
    ["non-numeric price", { ...full, price: { value: "abc", currency: "$" } }, /price\.value: .*number/, "B0D3V6Y38G"],
    ["negative price", { ...full, price: { value: -1, currency: "$" } }, /price\.value: .*>=0/, "B0D3V6Y38G"],
    ["infinite price", minimal({ price: { value: Infinity } }), /price\.value/, "B000000001"],
    ["stars above 5", { ...full, stars: 7 }, /stars: .*<=5/, "B0D3V6Y38G"],
    ["negative reviews", { ...full, reviewsCount: -1 }, /reviewsCount: .*>=0/, "B0D3V6Y38G"],
    ["text reviews", minimal({ reviewsCount: "lots" }), /reviewsCount: .*"lots"/, "B000000001"],
    ["zero rank", minimal({ bestsellerRanks: [{ rank: 0, category: "Toys" }] }), /bestsellerRanks\.0\.rank/, "B000000001"],
    ["fractional rank", minimal({ bestsellerRanks: [{ rank: 2.5 }] }), /bestsellerRanks\.0\.rank: .*int/, "B000000001"],
  ];
  it.each(cases)("%s", (_name, raw, message, asin) => {
    const result = failure(raw);
    expect(result.error).toMatch(message);
    expect(result.asin).toBe(asin);
  });

  it.each([
    ["null", null, /expected an object, got null/],
    ["a string", "B0D3V6Y38G", /got string/],
    ["an array", [full], /got an array/],
    ["a number", 42, /got number/],
  ])("rejects %s as an item", (_name, raw, message) => {
    const result = failure(raw);
    expect(result).toMatchObject({ ok: false, asin: null });
    expect(result.error).toMatch(message);
  });

  it("names every broken field and caps the list", () => {
    const result = failure({ asin: "bad", stars: 9, reviewsCount: -4, price: { value: -2 }, bestsellerRanks: [{ rank: -1 }] });
    expect(result.error.split("; ")).toHaveLength(5);
    expect(result.error).toMatch(/\(\+1 more\)$/);
  });

  it("rejects an invalid context date instead of throwing", () => {
    const result = normalizeApifyItem(full, { date: "2026-02-30" });
    expect(result).toMatchObject({ ok: false, asin: "B0D3V6Y38G" });
  });

  it("tolerates odd but meaningful-free fields", () => {
    const { metrics } = ok(
      minimal({ starsBreakdown: {}, offers: [], attributes: [{ key: "Weight", value: 3 }], shippingPrice: { value: null, currency: null } }),
    );
    expect(metrics.offersCount).toBeNull();
  });
});

describe("identifiers and counts", () => {
  it("trims and upper-cases the ASIN", () => {
    expect(ok(minimal({ asin: "  b0d3v6y38g " })).metrics.asin).toBe("B0D3V6Y38G");
  });

  it.each([
    ["23,642", 23642],
    ["1.234", 1234],
    ["980", 980],
    [17, 17],
  ])("reads reviewsCount %j", (value, expected) => {
    expect(ok(minimal({ reviewsCount: value })).metrics.reviews).toBe(expected);
  });

  it("treats a 0-star rating as no rating", () => {
    expect(ok(minimal({ stars: 0, reviewsCount: 0 })).metrics).toMatchObject({ rating: null, reviews: 0 });
  });
});

describe("best sellers rank", () => {
  const withoutRanks = { ...full, bestsellerRanks: [] };

  it("parses the attribute text when bestsellerRanks is empty", () => {
    expect(ok(withoutRanks).metrics).toMatchObject({ bsr: 28, bsrCategory: "Health, Household & Personal Care" });
  });

  it.each([
    ["#1,234 in Kitchen & Dining", 1234, "Kitchen & Dining"],
    ["#1,234 in Kitchen & Dining (See Top 100 in Kitchen & Dining) #5 in Coffee Presses", 1234, "Kitchen & Dining"],
    ["28 in Health, Household & Personal Care (See Top 100 in Health)1 in Earplugs", 28, "Health, Household & Personal Care"],
    ["Nr. 3.456 in Drogerie & Körperpflege", 3456, "Drogerie & Körperpflege"],
    ["12 in Toys & Games 3 in Puzzles", 12, "Toys & Games"],
  ])("%s", (value, rank, category) => {
    expect(parseBestSellersRank(value)).toEqual({ rank, category });
  });

  it("returns null for text without a rank", () => {
    expect(parseBestSellersRank("See Top 100 in Toys")).toBeNull();
    expect(ok(minimal({ attributes: [{ key: "Best Sellers Rank", value: null }] })).metrics.bsr).toBeNull();
  });

  it("accepts a numeric-string rank in bestsellerRanks", () => {
    expect(ok(minimal({ bestsellerRanks: [{ rank: "1,024", category: "Toys & Games" }] })).metrics.bsr).toBe(1024);
  });
});

describe("currency", () => {
  it.each([
    ["US", "$", "USD"],
    ["CA", "$", "CAD"],
    ["AU", "$", "AUD"],
    ["US", "€", "EUR"],
    ["DE", "£", "GBP"],
    ["US", "₹", "INR"],
    ["JP", "¥", "JPY"],
    ["US", "¥", "USD"],
    ["US", "cad", "CAD"],
    ["DE", "XYZ", "EUR"],
    ["US", null, "USD"],
    ["BR", "R$", "BRL"],
  ] as const)("on %s, %j → %s", (marketplace, symbol, expected) => {
    expect(resolveCurrency(marketplace, symbol)).toBe(expected);
  });

  it("reads the marketplace from the URL before loadedCountryCode", () => {
    expect(ok(minimal({ url: "https://www.amazon.de/dp/B000000001", loadedCountryCode: "US" })).metrics.marketplace).toBe("DE");
  });

  it("maps loadedCountryCode GB to the UK marketplace", () => {
    const { metrics } = ok(minimal({ loadedCountryCode: "GB", price: { value: 12.5, currency: "£" } }));
    expect(metrics).toMatchObject({ marketplace: "UK", currency: "GBP", priceCents: 1250 });
  });

  it("falls back to the context marketplace, then US", () => {
    expect(ok(minimal(), { date: ctx.date, marketplace: "DE" }).metrics.marketplace).toBe("DE");
    expect(ok(minimal({ url: "https://example.com/x" })).metrics.marketplace).toBe("US");
  });

  it("keeps JPY whole", () => {
    const { metrics } = ok(minimal({ url: "https://www.amazon.co.jp/dp/B000000001", price: { value: 1980, currency: "￥" } }));
    expect(metrics).toMatchObject({ currency: "JPY", priceCents: 1980 });
  });

  it("drops a list price quoted in another currency than the price", () => {
    const { metrics } = ok(minimal({ price: { value: 10, currency: "$" }, listPrice: { value: 12, currency: "€" } }));
    expect(metrics).toMatchObject({ priceCents: 1000, listPriceCents: null, currency: "USD" });
  });
});

describe("money rounding", () => {
  it.each([
    [39.95, 3995],
    [19.99, 1999],
    [0.29, 29],
    [1.005, 101],
    [4.35, 435],
    [991.89, 99189],
    [0, 0],
  ])("%d → %d cents", (value, cents) => {
    expect(toMinorUnits(value, "USD")).toBe(cents);
  });

  it("accepts listPrice as an object or a bare number", () => {
    expect(ok(minimal({ listPrice: { value: 49.99, currency: "$" } })).metrics.listPriceCents).toBe(4999);
    expect(ok(minimal({ listPrice: 49.99 })).metrics.listPriceCents).toBe(4999);
  });
});

describe("buy box", () => {
  it("uses the featured seller and the item price", () => {
    const { metrics } = ok(minimal({ price: { value: 20, currency: "$" }, seller: { name: "Acme" } }));
    expect(metrics).toMatchObject({ buyboxSeller: "Acme", buyboxPriceCents: 2000 });
  });

  it("prefers the featured seller's own offer price", () => {
    const offers = [{ sellerName: "Other", price: { value: 18 } }, { seller: { name: "Acme" }, price: { value: 19.5 } }];
    const { metrics } = ok(minimal({ price: { value: 20 }, seller: { name: "Acme" }, offers }));
    expect(metrics).toMatchObject({ buyboxSeller: "Acme", buyboxPriceCents: 1950, offersCount: 2 });
  });

  it("takes the flagged buy-box winner when there is no featured seller", () => {
    const offers = [{ sellerName: "First", price: { value: 18 } }, { sellerName: "Winner", price: 17.25, isBuyBoxWinner: true }];
    expect(ok(minimal({ offers })).metrics).toMatchObject({ buyboxSeller: "Winner", buyboxPriceCents: 1725 });
  });

  it("falls back to the first offer without a flag", () => {
    const offers = [{ sellerName: "First", price: { value: 18 } }, { sellerName: "Second", price: { value: 17 } }];
    expect(ok(minimal({ price: { value: 20 }, offers })).metrics).toMatchObject({ buyboxSeller: "First", buyboxPriceCents: 1800 });
  });
});

describe("stock", () => {
  it.each([
    ["In stock", true],
    ["In Stock.", true],
    ["Only 3 left in stock - order soon.", true],
    ["Usually dispatched within 2 to 3 days.", true],
    ["Currently unavailable.", false],
    ["Out of stock", false],
    ["Temporarily out of stock. Order now and we'll deliver when available.", false],
    ["Ships from and sold by Amazon", null],
  ])("%j → %s", (value, expected) => {
    expect(inStockFromText(value)).toBe(expected);
    expect(ok(minimal({ inStockText: value })).metrics.inStock).toBe(expected);
  });

  it("trusts the inStock boolean over the text", () => {
    expect(ok(minimal({ inStock: false, inStockText: "In stock" })).metrics.inStock).toBe(false);
  });
});

it("cleans a brand that is really the store byline", () => {
  expect(ok(minimal({ brand: "Visit the Loop Store" })).product.brand).toBe("Loop");
  expect(ok(minimal({ brand: "Brand: Loop" })).product.brand).toBe("Loop");
});
