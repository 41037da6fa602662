import { LRUCache } from "lru-cache";
import { windowOf, type RateLimiter } from "./limiter";

/** The in-process sliding window (embedded default): exact for one instance, nothing shared. */
export function createMemoryLimiter(opts: { maxSubjects?: number; now?: () => number } = {}): RateLimiter {
  const now = opts.now ?? Date.now;
  // Counters per (policy, subject, window); the LRU bounds memory under a flood of fresh IPs.
  const counters = new LRUCache<string, number>({ max: opts.maxSubjects ?? 100_000, ttlAutopurge: false });
  return {
    kind: "memory",
    async limit(policy, subject) {
      const at = now();
      const { index, resetAt, elapsedFraction } = windowOf(at, policy.windowMs);
      const base = `${policy.name}:${subject}:`;
      const previous = Math.floor((1 - elapsedFraction) * (counters.get(base + (index - 1)) ?? 0));
      const current = counters.get(base + index) ?? 0;
      if (previous + current >= policy.limit) return { allowed: false, limit: policy.limit, remaining: 0, resetAt };
      counters.set(base + index, current + 1, { ttl: policy.windowMs * 2 + 1000 });
      return { allowed: true, limit: policy.limit, remaining: Math.max(0, policy.limit - (current + 1 + previous)), resetAt };
    },
    async close() {
      counters.clear();
    },
  };
}
