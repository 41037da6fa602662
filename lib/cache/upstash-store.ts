import { Redis } from "@upstash/redis";
import type { CacheStore } from "./store";

// Past this, a REST round trip counts as an outage and the caller reads the database instead.
const REQUEST_TIMEOUT_MS = 1_000;

export function createUpstashStore(opts: { url: string; token: string }): CacheStore {
  const redis = new Redis({
    url: opts.url,
    token: opts.token,
    // Values are opaque: by default the SDK JSON-parses replies, so a cached document would come back
    // as an object and "42" as a number.
    automaticDeserialization: false,
    // `retry: false` still makes two attempts in 1.39; zero retries is the single-attempt setting.
    retry: { retries: 0 },
    // A function, not one shared signal: the SDK calls it per request, and it only rethrows aborts of
    // function signals (an aborted plain signal becomes a fake successful "Aborted" reply).
    signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });

  return {
    kind: "upstash",
    get: (key) => redis.get<string>(key),
    mget: async (keys) => (keys.length === 0 ? [] : redis.mget<(string | null)[]>(keys)),
    async set(key, value, { ttlMs, onlyIfAbsent }) {
      const px = Math.ceil(ttlMs);
      const reply = await redis.set(key, value, onlyIfAbsent ? { px, nx: true } : { px });
      return reply === "OK";
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      for (const { key, value, ttlMs } of entries) pipeline.set(key, value, { px: Math.ceil(ttlMs) });
      await pipeline.exec();
    },
    async del(keys) {
      if (keys.length > 0) await redis.del(...keys);
    },
    incr: (key) => redis.incr(key),
    async ping() {
      await redis.ping();
    },
    async publish(channel, message) {
      await redis.publish(channel, message);
    },
    // The REST API has no push channel we can hold open from a request handler, so subscribers here
    // hear nothing. Readers stay correct anyway: cached answers are keyed by data version, and a new
    // version (incr) makes old entries unreachable on the next read. PUBLISH still reaches any
    // TCP subscribers of the same database.
    async subscribe() {
      return async () => {};
    },
    // Stateless HTTP: there is no connection of ours to close.
    async close() {},
  };
}
