import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstashRestServer, type UpstashRestServer } from "@/test/support/upstash-rest-server";
import type { RateLimiter } from "./limiter";
import { createMemoryLimiter } from "./memory-limiter";
import type { PolicyName, RateLimitPolicy } from "./policies";
import { createRedisLimiter } from "./redis-limiter";
import { createUpstashLimiter } from "./upstash-limiter";

const REDIS_URL = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const policy = (name: PolicyName, limit: number, windowMs: number): RateLimitPolicy => ({ name, limit, windowMs });

/** Waits until `fraction` of the way into the next window of this length. */
async function sleepUntilWindowFraction(windowMs: number, fraction: number): Promise<void> {
  const now = Date.now();
  await sleep((Math.floor(now / windowMs) + 1) * windowMs + fraction * windowMs - now);
}

function describeLimiterContract(name: string, makeLimiter: () => RateLimiter | Promise<RateLimiter>): void {
  describe(`RateLimiter contract: ${name}`, () => {
    let limiter: RateLimiter;
    // A fresh subject per test: parallel runs against one Redis never share a budget.
    const subject = () => `test:${randomUUID()}`;

    beforeAll(async () => {
      limiter = await makeLimiter();
    });
    afterAll(async () => {
      await limiter?.close();
    });

    it("allows up to the limit, counting Remaining down, then refuses until the window ends", async () => {
      const p = policy("api-write", 5, 60_000);
      const who = subject();
      const decisions = [];
      for (let i = 0; i < 7; i++) decisions.push(await limiter.limit(p, who));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
      expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
      for (const d of decisions) {
        expect(d.limit).toBe(5);
        expect(d.resetAt).toBeGreaterThan(Date.now());
        expect(d.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
      }
    });

    it("keeps subjects and policies apart", async () => {
      const p = policy("api-write", 2, 60_000);
      const [a, b] = [subject(), subject()];
      for (let i = 0; i < 2; i++) expect((await limiter.limit(p, a)).allowed).toBe(true);
      expect((await limiter.limit(p, a)).allowed).toBe(false);
      expect((await limiter.limit(p, b)).allowed).toBe(true);
      expect((await limiter.limit(policy("api-read", 2, 60_000), a)).allowed).toBe(true);
    });

    it("is exact under concurrency: 20 parallel requests against a limit of 10 admit exactly 10", async () => {
      const p = policy("api-write", 10, 60_000);
      const who = subject();
      const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.limit(p, who)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    });

    it("slides: half-way into the next window, half of the previous window still counts", async () => {
      const windowMs = 2_000;
      const p = policy("graphql", 10, windowMs);
      const who = subject();
      await sleepUntilWindowFraction(windowMs, 0.05);
      for (let i = 0; i < 10; i++) expect((await limiter.limit(p, who)).allowed).toBe(true);
      expect((await limiter.limit(p, who)).allowed).toBe(false);
      await sleepUntilWindowFraction(windowMs, 0.5);
      let admitted = 0;
      while ((await limiter.limit(p, who)).allowed) admitted++;
      // floor((1 − ~0.5) × 10) of the previous window still counts: 5 (or 6 if the clock moved on).
      // A fixed window would admit all 10 here.
      expect(admitted).toBeGreaterThanOrEqual(5);
      expect(admitted).toBeLessThanOrEqual(6);
    }, 10_000);
  });
}

describeLimiterContract("memory", () => createMemoryLimiter());

describe("memory limiter with a controlled clock", () => {
  it("forgets the previous window entirely one full window later", async () => {
    let now = 1_000_000;
    const limiter = createMemoryLimiter({ now: () => now });
    const p = policy("api-write", 3, 1_000);
    for (let i = 0; i < 3; i++) expect((await limiter.limit(p, "x")).allowed).toBe(true);
    expect(await limiter.limit(p, "x")).toMatchObject({ allowed: false, remaining: 0, resetAt: 1_001_000 });
    now += 1_000; // start of the next window: all 3 of the previous one still weigh in
    expect((await limiter.limit(p, "x")).allowed).toBe(false);
    now += 700; // 70 % in: floor(0.3 × 3) = 0 counts
    expect(await limiter.limit(p, "x")).toMatchObject({ allowed: true, remaining: 2 });
  });
});

describe.runIf(REDIS_URL)("with Redis", () => {
  describeLimiterContract("redis (Lua over ioredis)", () => createRedisLimiter(REDIS_URL!, { prefix: `test-rl:${randomUUID()}` }));

  let upstash: UpstashRestServer;
  beforeAll(async () => {
    upstash = await startUpstashRestServer({ redisUrl: REDIS_URL!, token: "test-token" });
  });
  afterAll(async () => {
    await upstash?.close();
  });
  describeLimiterContract("upstash (@upstash/ratelimit over REST)", () =>
    createUpstashLimiter({ url: upstash.url, token: upstash.token, prefix: `test-rl:${randomUUID()}` }),
  );

  it("the Lua script and @upstash/ratelimit share one budget on the same keys", async () => {
    const prefix = `test-rl:${randomUUID()}`;
    const redis = createRedisLimiter(REDIS_URL!, { prefix });
    const rest = createUpstashLimiter({ url: upstash.url, token: upstash.token, prefix });
    const p = policy("api-write", 4, 60_000);
    try {
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push(await redis.limit(p, "shared"), await rest.limit(p, "shared"));
      expect(seen.map((d) => d.allowed)).toEqual([true, true, true, true, false, false]);
    } finally {
      await Promise.all([redis.close(), rest.close()]);
    }
  });
});

describe("an unreachable Redis", () => {
  let dead: Server;
  let port: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // A port that accepts and never answers, then one that refuses: both must fail fast.
    dead = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    port = (dead.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => dead.close(() => resolve()));
  });

  it("rejects within two seconds instead of hanging the request", async () => {
    for (const url of [`redis://127.0.0.1:${port}`, "redis://127.0.0.1:1"]) {
      const limiter = createRedisLimiter(url, { prefix: "test-rl" });
      const started = Date.now();
      await expect(limiter.limit(policy("api-read", 10, 60_000), "x")).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
      await limiter.close();
    }
  });
});
