import "server-only";
import { getDb } from "@/db/client";
import { getProductLatest } from "@/db/queries/product-reads";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { productCacheKey } from "./cache-keys";
import { presentProductLatest } from "./present";

/** The latest snapshot of a product (global facts, shared by every workspace), read through the cache. */
export function getProduct(asin: string, marketplace: string): Promise<CacheableBody | null> {
  return readThrough(productCacheKey(asin, marketplace), { scopes: ["data"] }, async () => {
    const row = await getProductLatest(await getDb(), asin, marketplace);
    return row && presentProductLatest(row);
  });
}
