import { competitions } from "./app";
import { boolean, date, index, integer, jsonb, pgSchema, primaryKey, doublePrecision, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Precomputed read models. The API reads only these (and the core series).
export const mart = pgSchema("mart");

export interface SparklinePoint {
  date: string;
  price: number | null;
  bsr: number | null;
}

export const productLatest = mart.table(
  "product_latest",
  {
    asin: text("asin").notNull(),
    marketplace: text("marketplace").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    title: text("title"),
    brand: text("brand"),
    category: text("category"),
    imageUrl: text("image_url"),
    url: text("url"),
    priceCents: integer("price_cents"),
    listPriceCents: integer("list_price_cents"),
    currency: text("currency"),
    bsr: integer("bsr"),
    bsrCategory: text("bsr_category"),
    rating: doublePrecision("rating"),
    reviews: integer("reviews"),
    buyboxSeller: text("buybox_seller"),
    buyboxPriceCents: integer("buybox_price_cents"),
    inStock: boolean("in_stock"),
    offersCount: integer("offers_count"),
    // Deltas against the same metric 1, 7 and 30 days before `date` (null when that day is missing).
    priceDelta1d: integer("price_delta_1d"),
    priceDelta7d: integer("price_delta_7d"),
    priceDelta30d: integer("price_delta_30d"),
    priceDelta1dPct: doublePrecision("price_delta_1d_pct"),
    priceDelta7dPct: doublePrecision("price_delta_7d_pct"),
    priceDelta30dPct: doublePrecision("price_delta_30d_pct"),
    bsrDelta1d: integer("bsr_delta_1d"),
    bsrDelta7d: integer("bsr_delta_7d"),
    bsrDelta30d: integer("bsr_delta_30d"),
    bsrDelta1dPct: doublePrecision("bsr_delta_1d_pct"),
    bsrDelta7dPct: doublePrecision("bsr_delta_7d_pct"),
    bsrDelta30dPct: doublePrecision("bsr_delta_30d_pct"),
    ratingDelta1d: doublePrecision("rating_delta_1d"),
    ratingDelta7d: doublePrecision("rating_delta_7d"),
    ratingDelta30d: doublePrecision("rating_delta_30d"),
    reviewsDelta1d: integer("reviews_delta_1d"),
    reviewsDelta7d: integer("reviews_delta_7d"),
    reviewsDelta30d: integer("reviews_delta_30d"),
    /** The last 30 days ending at `date`, oldest first. */
    sparkline: jsonb("sparkline").$type<SparklinePoint[]>().notNull().default([]),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.asin, t.marketplace] })],
);

export const competitorComparisonDaily = mart.table(
  "competitor_comparison_daily",
  {
    competitionId: uuid("competition_id").notNull().references(() => competitions.id, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    asin: text("asin").notNull(),
    isMain: boolean("is_main").notNull(),
    priceCents: integer("price_cents"),
    currency: text("currency"),
    priceGapCents: integer("price_gap_cents"),
    priceGapPct: doublePrecision("price_gap_pct"),
    bsr: integer("bsr"),
    bsrGap: integer("bsr_gap"),
    bsrRatio: doublePrecision("bsr_ratio"),
    rating: doublePrecision("rating"),
    ratingGap: doublePrecision("rating_gap"),
    reviews: integer("reviews"),
    reviewsGap: integer("reviews_gap"),
    buyboxSeller: text("buybox_seller"),
    rankPrice: integer("rank_price"),
    rankBsr: integer("rank_bsr"),
    rankRating: integer("rank_rating"),
    rankReviews: integer("rank_reviews"),
    /** Set-level summary (cheapest, best rank, 7-day momentum), repeated on the main row. */
    summary: jsonb("summary").$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.competitionId, t.date, t.asin] }),
    index("competitor_comparison_daily_date_idx").on(t.competitionId, t.date),
  ],
);

export type ProductLatest = typeof productLatest.$inferSelect;
export type CompetitorComparisonDaily = typeof competitorComparisonDaily.$inferSelect;
