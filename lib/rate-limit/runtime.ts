import "server-only";
import { config } from "@/lib/config/env";
import { createRateLimiter } from "./create-limiter";
import type { RateLimiter } from "./limiter";

const GLOBAL_KEY = Symbol.for("shelfwatch.rate-limiter");
type GlobalWithLimiter = typeof globalThis & { [GLOBAL_KEY]?: RateLimiter };

/** The process-wide limiter, on the same backend as the cache. */
export function rateLimiter(): RateLimiter {
  const g = globalThis as GlobalWithLimiter;
  if (!g[GLOBAL_KEY]) {
    const cfg = config();
    const prefix = `${cfg.cacheNamespace}:rl`;
    g[GLOBAL_KEY] = createRateLimiter(
      cfg.cache.kind === "upstash"
        ? { upstashUrl: cfg.cache.url, upstashToken: cfg.cache.token, prefix }
        : cfg.cache.kind === "redis"
          ? { redisUrl: cfg.cache.url, prefix }
          : { prefix },
    );
  }
  return g[GLOBAL_KEY];
}

/** Swaps the limiter (tests); returns the previous one so it can be restored. */
export function setRateLimiter(limiter: RateLimiter): RateLimiter | undefined {
  const g = globalThis as GlobalWithLimiter;
  const previous = g[GLOBAL_KEY];
  g[GLOBAL_KEY] = limiter;
  return previous;
}
