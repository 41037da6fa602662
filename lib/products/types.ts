import type { Marketplace } from "./marketplaces";

/** Global facts about a product (one scrape serves every workspace that tracks it). */
export interface ProductFacts {
  asin: string;
  marketplace: Marketplace;
  title: string | null;
  brand: string | null;
  /** Top-level category: first breadcrumb, else the top-level best-seller category. */
  category: string | null;
  imageUrl: string | null;
  url: string | null;
}

/** One product-day of metrics. Money is integer minor units (cents) with its ISO 4217 currency. */
export interface DailyMetrics {
  asin: string;
  marketplace: Marketplace;
  date: string; // YYYY-MM-DD
  priceCents: number | null;
  listPriceCents: number | null;
  currency: string | null;
  bsr: number | null;
  bsrCategory: string | null;
  rating: number | null;
  reviews: number | null;
  buyboxSeller: string | null;
  buyboxPriceCents: number | null;
  inStock: boolean | null;
  offersCount: number | null;
}

export type NormalizeResult =
  | { ok: true; product: ProductFacts; metrics: DailyMetrics }
  | { ok: false; asin: string | null; error: string };
