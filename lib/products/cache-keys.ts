// Cache keys of the product reads. Single reads and batch reads share them, so a product fetched by
// GET /products/{asin} is a hit for POST /metrics:batch and the other way round.
export function productCacheKey(asin: string, marketplace: string): string {
  return `product:${marketplace}:${asin}`;
}

export function metricsCacheKey(asin: string, marketplace: string, from: string, to: string): string {
  return `metrics:${marketplace}:${asin}:${from}:${to}`;
}
