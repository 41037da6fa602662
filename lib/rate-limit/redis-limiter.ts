import { Redis } from "ioredis";
import { windowOf, type RateLimiter } from "./limiter";

// The @upstash/ratelimit single-region slidingWindow script (without its dynamic-limit key), so a
// TCP Redis counts exactly like Upstash. One round trip, atomic: read both windows, refuse at the
// limit, else INCR and set the expiry once. Returns { remaining, limit } (remaining −1 = refused).
const SLIDING_WINDOW_LUA = `
local currentKey  = KEYS[1]
local previousKey = KEYS[2]
local tokens      = tonumber(ARGV[1])
local now         = tonumber(ARGV[2])
local window      = tonumber(ARGV[3])

local current = tonumber(redis.call("GET", currentKey) or "0")
local previous = tonumber(redis.call("GET", previousKey) or "0")
local percentageInCurrent = (now % window) / window
previous = math.floor((1 - percentageInCurrent) * previous)

if previous + current >= tokens then
  return {-1, tokens}
end

local newValue = redis.call("INCRBY", currentKey, 1)
if newValue == 1 then
  redis.call("PEXPIRE", currentKey, window * 2 + 1000)
end
return {tokens - (newValue + previous), tokens}
`;

type WithSlidingWindow = Redis & {
  slidingWindow(current: string, previous: string, limit: number, now: number, windowMs: number): Promise<[number, number]>;
};

// Like the cache client: fail fast while Redis is down (the caller then lets the request through).
const OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000,
  commandTimeout: 500,
  retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2_000),
};

/** Sliding window over TCP Redis: one EVALSHA per request (ioredis falls back to EVAL once). */
export function createRedisLimiter(url: string, opts: { prefix: string; now?: () => number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const client = new Redis(url, OPTIONS) as WithSlidingWindow;
  client.on("error", () => {});
  client.defineCommand("slidingWindow", { numberOfKeys: 2, lua: SLIDING_WINDOW_LUA });
  const ready = new Promise<void>((resolve) => {
    const settle = () => resolve();
    client.once("ready", settle);
    client.once("error", settle);
    setTimeout(settle, OPTIONS.connectTimeout + OPTIONS.commandTimeout).unref();
  });
  return {
    kind: "redis",
    async limit(policy, subject) {
      await ready;
      const at = now();
      const { index, resetAt } = windowOf(at, policy.windowMs);
      const base = `${opts.prefix}:${policy.name}:${subject}:`;
      const [remaining, limit] = await client.slidingWindow(base + index, base + (index - 1), policy.limit, at, policy.windowMs);
      return { allowed: remaining >= 0, limit, remaining: Math.max(0, remaining), resetAt };
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
