import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisStore } from "@/lib/cache/redis-store";
import { cacheStore, setCacheStore } from "@/lib/cache/runtime";
import type { CacheStore } from "@/lib/cache/store";
import { checkHealth } from "@/lib/health/check-health";
import { addDays, todayUtc } from "@/lib/dates";
import { getProduct } from "@/lib/products/get-product";
import { testDatabase } from "@/test/support/database";
import { storeProduct } from "@/test/support/fixtures";
import { redisServerAvailable, startPrivateRedis, type PrivateRedis } from "./support/redis-server";

// Fault: the cache's Redis goes away under read load and comes back. Reads must never fail (they
// fall through to the database), health must say degraded, and the cache must heal by itself.
// Runs only when real services are named (REDIS_URL), with its own redis-server so it can stop it.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const READERS = 8;
// data-version.ts memoises versions for 1 s; other files of this worker must not see ours.
const VERSION_MEMO_MS = 1_000;

interface Tally {
  ok: number;
  failed: string[];
  byCache: Record<string, number>;
}

/** Readers that loop over the ASINs through the cache until stopped, tallying every answer. */
function readLoad(asins: string[]) {
  let tally: Tally = { ok: 0, failed: [], byCache: {} };
  let running = true;
  const reader = async (offset: number) => {
    for (let i = offset; running; i++) {
      const asin = asins[i % asins.length]!;
      try {
        const answer = await getProduct(asin, "US");
        if (answer === null || JSON.parse(answer.body).asin !== asin) tally.failed.push(`${asin}: wrong answer`);
        else {
          tally.ok += 1;
          tally.byCache[answer.cache] = (tally.byCache[answer.cache] ?? 0) + 1;
        }
      } catch (error) {
        tally.failed.push(`${asin}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(2);
    }
  };
  const done = Promise.all(Array.from({ length: READERS }, (_, i) => reader(i)));
  return {
    /** The tally since the last call, and a fresh one from now on. */
    take(): Tally {
      const taken = tally;
      tally = { ok: 0, failed: [], byCache: {} };
      return taken;
    },
    async stop() {
      running = false;
      await done;
    },
  };
}

describe.skipIf(!process.env.REDIS_URL || !redisServerAvailable)("fault: Redis stops during a read load (needs REDIS_URL and redis-server; skipped on the embedded default)", () => {
  let redis: PrivateRedis;
  let original: CacheStore;
  let store: CacheStore;
  const asins: string[] = [];

  beforeAll(async () => {
    await testDatabase();
    const end = addDays(todayUtc(), -1);
    for (let i = 0; i < 20; i++) asins.push(await storeProduct({ end, days: 3 }));
    redis = await startPrivateRedis();
    original = cacheStore();
    store = createRedisStore(redis.url);
    setCacheStore(store);
  });

  afterAll(async () => {
    vi.useRealTimers();
    // Restoring also clears the failure mark, so health in later files of this worker is not degraded.
    if (original) setCacheStore(original);
    await store?.close();
    await redis?.close();
    await sleep(VERSION_MEMO_MS + 100);
  });

  it("serves every read while Redis is down, reports degraded health, and recovers when it returns", async () => {
    const load = readLoad(asins);
    try {
      await sleep(1_500);
      const healthy = load.take();
      expect(healthy.failed).toEqual([]);
      expect(healthy.byCache.HIT ?? 0).toBeGreaterThan(healthy.ok / 2);
      expect((await checkHealth()).status).toBe("ok");

      await redis.stop();
      await sleep(2_000);
      const outage = load.take();
      expect(outage.failed).toEqual([]);
      expect(outage.ok).toBeGreaterThan(100);
      // Every answer during the outage came from the database.
      expect(outage.byCache.HIT ?? 0).toBeLessThan(outage.ok * 0.05);
      const down = await checkHealth();
      expect(down.status).toBe("degraded");
      expect(down.checks.cache).toMatchObject({ status: "degraded", kind: "redis" });
      expect(down.checks.db.status).toBe("ok");

      await redis.start();
      // ioredis reconnects on its own (backoff capped at 2 s); the cache fills again from reads.
      const deadline = Date.now() + 8_000;
      let recovered = load.take();
      while ((recovered.byCache.HIT ?? 0) < recovered.ok * 0.9 || recovered.ok < 50) {
        if (Date.now() > deadline) throw new Error(`cache did not recover: ${JSON.stringify(recovered.byCache)}`);
        await sleep(500);
        recovered = load.take();
      }
      expect(recovered.failed).toEqual([]);
    } finally {
      await load.stop();
    }
    const after = load.take();
    expect(after.failed).toEqual([]);

    // Right after an outage health keeps saying degraded for its window, with a healthy probe …
    const recovering = await checkHealth();
    expect(recovering.checks.cache).toMatchObject({ status: "degraded", latency_ms: expect.any(Number) });
    // … and once the window has passed without new errors, it is ok again.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 31_000);
    expect((await checkHealth()).status).toBe("ok");
  });
});
