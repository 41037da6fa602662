import type { ProductLatest, ProductMetricsDaily } from "@/db/schema";
import type { MetricsPoint, ProductSnapshot } from "./responses";

type Window = "1d" | "7d" | "30d";

function window<T>(pick: (w: "1d" | "7d" | "30d") => T): Record<Window, T> {
  return { "1d": pick("1d"), "7d": pick("7d"), "30d": pick("30d") };
}

/** A product's latest snapshot as the API shows it: money in cents with its currency. */
export function presentProductLatest(row: ProductLatest): ProductSnapshot {
  const suffix = { "1d": "1d", "7d": "7d", "30d": "30d" } as const;
  return {
    asin: row.asin,
    marketplace: row.marketplace,
    title: row.title,
    brand: row.brand,
    category: row.category,
    image_url: row.imageUrl,
    url: row.url,
    date: row.date,
    currency: row.currency,
    price: row.priceCents,
    list_price: row.listPriceCents,
    bsr: row.bsr,
    bsr_category: row.bsrCategory,
    rating: row.rating,
    reviews: row.reviews,
    buybox_seller: row.buyboxSeller,
    buybox_price: row.buyboxPriceCents,
    in_stock: row.inStock,
    offers_count: row.offersCount,
    deltas: {
      price: window((w) => ({
        abs: row[`priceDelta${suffix[w]}` as const],
        pct: row[`priceDelta${suffix[w]}Pct` as const],
      })),
      bsr: window((w) => ({
        abs: row[`bsrDelta${suffix[w]}` as const],
        pct: row[`bsrDelta${suffix[w]}Pct` as const],
      })),
      rating: window((w) => ({ abs: row[`ratingDelta${suffix[w]}` as const] })),
      reviews: window((w) => ({ abs: row[`reviewsDelta${suffix[w]}` as const] })),
    },
    sparkline: row.sparkline,
  };
}

export function presentMetricsPoint(row: ProductMetricsDaily): MetricsPoint {
  return {
    date: row.date,
    currency: row.currency,
    price: row.priceCents,
    list_price: row.listPriceCents,
    bsr: row.bsr,
    bsr_category: row.bsrCategory,
    rating: row.rating,
    reviews: row.reviews,
    buybox_seller: row.buyboxSeller,
    buybox_price: row.buyboxPriceCents,
    in_stock: row.inStock,
    offers_count: row.offersCount,
  };
}

/** A product's series as GET …/metrics shows it; batch reads build the same value for the same cache key. */
export function presentMetricsSeries(asin: string, marketplace: string, from: string, to: string, rows: ProductMetricsDaily[]) {
  return { asin, marketplace, from, to, points: rows.map(presentMetricsPoint) };
}
