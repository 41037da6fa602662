import type { CacheableBody } from "@/lib/http/responses";

/**
 * The value behind a read-through cache entry. Pages reuse the API's cached bodies (same keys, so a
 * page view warms the API and the other way round) and read them back as objects.
 */
export function bodyOf<T>(cached: CacheableBody | null): T | null {
  return cached ? (JSON.parse(cached.body) as T) : null;
}
