import { createMemoryLimiter } from "./memory-limiter";
import { createRedisLimiter } from "./redis-limiter";
import type { RateLimiter } from "./limiter";
import { createUpstashLimiter } from "./upstash-limiter";

export interface RateLimiterOptions {
  upstashUrl?: string;
  upstashToken?: string;
  redisUrl?: string;
  /** Key prefix in Redis, so environments can share one server. */
  prefix: string;
}

// Chosen like the cache (lib/cache/create-store.ts): Upstash, then TCP Redis, then in process.
export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  if (opts.upstashUrl && opts.upstashToken) return createUpstashLimiter({ url: opts.upstashUrl, token: opts.upstashToken, prefix: opts.prefix });
  if (opts.redisUrl) return createRedisLimiter(opts.redisUrl, { prefix: opts.prefix });
  return createMemoryLimiter();
}
