import { demoProductFor } from "./demo/catalog";
import { generateDemoItem } from "./demo/generator";
import type { ProductSource } from "./source";

/**
 * The embedded product source: Apify-shaped items computed from (ASIN, date, marketplace), so any
 * ASIN on any marketplace gets stable data for any day, offline and free.
 */
export function createDemoSource(): ProductSource {
  return {
    name: "demo",
    async fetch({ asins, marketplace, date }) {
      return { items: asins.map((asin) => generateDemoItem(demoProductFor(asin), date, marketplace)), costUsd: 0 };
    },
    estimateCostUsd: () => 0,
  };
}
