import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import type { RateLimiter } from "./limiter";
import type { RateLimitPolicy } from "./policies";

const REQUEST_TIMEOUT_MS = 1_000;

/** @upstash/ratelimit's slidingWindow over the Upstash REST API; one Ratelimit per policy. */
export function createUpstashLimiter(opts: { url: string; token: string; prefix: string }): RateLimiter {
  const redis = new Redis({ url: opts.url, token: opts.token, retry: { retries: 0 }, signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (policy: RateLimitPolicy): Ratelimit => {
    const id = `${policy.name}:${policy.limit}:${policy.windowMs}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(policy.limit, `${policy.windowMs} ms`),
        prefix: `${opts.prefix}:${policy.name}`,
        // A subject that is over the limit is refused in process until its window ends, sparing
        // Upstash the round trips of a client that keeps hammering.
        ephemeralCache: new Map(),
        timeout: REQUEST_TIMEOUT_MS,
        analytics: false,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    kind: "upstash",
    async limit(policy, subject) {
      const result = await limiterFor(policy).limit(subject);
      // The SDK answers "allowed" with limit 0 when Upstash did not reply in time; report the
      // outage like the other adapters do so the caller's fail-open path (and health) sees it.
      if (result.reason === "timeout") throw new Error("Upstash rate limit timed out");
      return { allowed: result.success, limit: result.limit, remaining: result.remaining, resetAt: result.reset };
    },
    async close() {
      limiters.clear();
    },
  };
}
