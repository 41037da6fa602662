import { boolean, date, index, integer, pgSchema, primaryKey, doublePrecision, text, timestamp, uuid } from "drizzle-orm/pg-core";

// Normalized, global product facts: one scrape serves every workspace that tracks an ASIN.
export const core = pgSchema("core");

export const products = core.table(
  "products",
  {
    asin: text("asin").notNull(),
    marketplace: text("marketplace").notNull(),
    title: text("title"),
    brand: text("brand"),
    category: text("category"),
    imageUrl: text("image_url"),
    url: text("url"),
    firstSeenDate: date("first_seen_date", { mode: "string" }).notNull(),
    lastSeenDate: date("last_seen_date", { mode: "string" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.asin, t.marketplace] })],
);

export const productMetricsDaily = core.table(
  "product_metrics_daily",
  {
    asin: text("asin").notNull(),
    marketplace: text("marketplace").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    /** Integer minor units (cents) in `currency`. */
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
    runId: uuid("run_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The series read (asin, marketplace, date range) is served by the primary key.
    primaryKey({ columns: [t.asin, t.marketplace, t.date] }),
    index("product_metrics_daily_date_idx").on(t.date),
  ],
);

export type Product = typeof products.$inferSelect;
export type ProductMetricsDaily = typeof productMetricsDaily.$inferSelect;
