import { createMemoryStore } from "./memory-store";
import { createRedisStore } from "./redis-store";
import type { CacheStore } from "./store";
import { createUpstashStore } from "./upstash-store";

export interface CacheStoreOptions {
  upstashUrl?: string;
  upstashToken?: string;
  redisUrl?: string;
  memoryMaxEntries?: number;
}

// Upstash wins when both are configured: it is the backend serverless deploys can reach without a
// TCP pool. Memory is the fallback so a bare `npm run dev` needs no infrastructure.
export function createCacheStore(opts: CacheStoreOptions): CacheStore {
  if (Boolean(opts.upstashUrl) !== Boolean(opts.upstashToken)) {
    // Half a configuration would silently fall back to another backend; say so at boot instead.
    throw new Error("Upstash cache needs both a REST URL and a token.");
  }
  if (opts.upstashUrl && opts.upstashToken) return createUpstashStore({ url: opts.upstashUrl, token: opts.upstashToken });
  if (opts.redisUrl) return createRedisStore(opts.redisUrl);
  return createMemoryStore({ maxEntries: opts.memoryMaxEntries });
}
