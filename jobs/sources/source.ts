import type { Marketplace } from "@/lib/products/marketplaces";

export interface FetchResult {
  /** Raw items as the source returned them (Apify dataset items); validated later, one by one. */
  items: unknown[];
  /** What this fetch cost, in USD (0 for the demo source). */
  costUsd: number;
}

/** Where product data comes from: the demo generator or an Apify actor. */
export interface ProductSource {
  readonly name: "demo" | "apify";
  fetch(input: { asins: string[]; marketplace: Marketplace; date: string }): Promise<FetchResult>;
  /** An upper estimate of what fetching this many ASINs costs, for the daily budget check. */
  estimateCostUsd(asinCount: number): number;
}
