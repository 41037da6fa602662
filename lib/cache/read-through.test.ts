import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bumpVersion } from "@/lib/cache/data-version";
import { readThrough } from "@/lib/cache/read-through";
import { cacheRecentlyFailed, cacheStore, setCacheStore } from "@/lib/cache/runtime";
import type { CacheStore } from "@/lib/cache/store";
import { checkHealth } from "@/lib/health/check-health";
import { etagOf } from "@/lib/http/responses";
import { testDatabase } from "@/test/support/database";

// Runs against the process store: memory by default, Redis when REDIS_URL is set.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const key = (name: string) => `rt-test:${name}:${randomUUID()}`;
// A data scope of this file alone: the shared "data" scope is bumped by ETL tests running in the
// other worker (through Redis), which would turn an expected HIT into a MISS.
const DATA = [`rt-test-${randomUUID()}`] as const;

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** A loader that returns whatever `value` currently holds, after a short delay, and counts its calls. */
function loader<T>(initial: T, delayMs = 0) {
  const state = { value: initial };
  const load = vi.fn(async () => {
    if (delayMs > 0) await sleep(delayMs);
    return state.value;
  });
  return { state, load };
}

/** A backend that is down: every operation rejects at once. */
function downStore(): CacheStore {
  const refuse = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
  return {
    kind: "redis",
    get: refuse,
    mget: refuse,
    set: refuse,
    setMany: refuse,
    del: refuse,
    incr: refuse,
    ping: refuse,
    publish: refuse,
    subscribe: refuse,
    close: async () => {},
  };
}

let original: CacheStore;

beforeAll(async () => {
  await testDatabase();
  original = cacheStore();
});

afterAll(() => {
  // Files of this worker share the runtime: never leave a swapped store behind.
  if (cacheStore() !== original) setCacheStore(original);
});

describe("readThrough", () => {
  it("runs against the backend the environment chose", () => {
    const expected = process.env.UPSTASH_REDIS_REST_URL ? "upstash" : process.env.REDIS_URL ? "redis" : "memory";
    expect(original.kind).toBe(expected);
  });

  it("answers MISS, then HIT with the same body and strong ETag", async () => {
    const k = key("hit");
    const { load } = loader({ asin: "B000000001", price: 1999 });
    const first = await readThrough(k, { scopes: DATA }, load);
    const body = JSON.stringify({ asin: "B000000001", price: 1999 });
    expect(first).toEqual({ body, etag: etagOf(body), cache: "MISS" });
    expect(first!.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const second = await readThrough(k, { scopes: DATA }, load);
    expect(second).toEqual({ body, etag: first!.etag, cache: "HIT" });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("keeps keys apart: another key is a MISS of its own", async () => {
    const a = await readThrough(key("a"), { scopes: DATA }, async () => ({ n: 1 }));
    const b = await readThrough(key("b"), { scopes: DATA }, async () => ({ n: 2 }));
    expect([a!.cache, b!.cache]).toEqual(["MISS", "MISS"]);
    expect(JSON.parse(b!.body)).toEqual({ n: 2 });
  });

  it("returns null when the loader finds nothing, and never serves that as a body", async () => {
    const k = key("missing");
    const { state, load } = loader<{ found: boolean } | null>(null);
    expect(await readThrough(k, { scopes: DATA, freshMs: 50 }, load)).toBeNull();
    expect(await readThrough(k, { scopes: DATA, freshMs: 50 }, load)).toBeNull();
    // Once the short window has passed, the product that now exists is loaded, not a cached "nothing".
    state.value = { found: true };
    await sleep(120);
    const found = await readThrough(k, { scopes: DATA, freshMs: 50 }, load);
    expect(found).toMatchObject({ cache: "MISS", body: '{"found":true}' });
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(2);
    // When the product disappears, the old body may be served STALE once, then the answer is null.
    state.value = null;
    await sleep(120);
    expect(await readThrough(k, { scopes: DATA, freshMs: 50 }, load)).toMatchObject({ cache: "STALE", body: '{"found":true}' });
    await waitFor(async () => (await readThrough(k, { scopes: DATA, freshMs: 50 }, load)) === null);
  });

  it("single-flight: 20 concurrent reads of a cold key call the loader once", async () => {
    const k = key("single-flight");
    const { load } = loader({ heavy: true }, 100);
    const results = await Promise.all(Array.from({ length: 20 }, () => readThrough(k, { scopes: DATA }, load)));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r!.body))).toEqual(new Set(['{"heavy":true}']));
    expect(new Set(results.map((r) => r!.etag)).size).toBe(1);
    expect(results.every((r) => r!.cache === "MISS")).toBe(true);
    expect((await readThrough(k, { scopes: DATA }, load))!.cache).toBe("HIT");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("serves STALE past the fresh window, refreshes once in the background, then HITs the new body", async () => {
    const k = key("stale");
    const { state, load } = loader({ price: 1000 }, 30);
    const first = await readThrough(k, { scopes: DATA, freshMs: 50 }, load);
    expect(first!.cache).toBe("MISS");
    await sleep(100);

    state.value = { price: 1200 };
    // Freshness is decided when an entry is written: the refreshed entry is fresh for 60 s, so the
    // read after the refresh is a HIT however slow this machine is.
    const opts = { scopes: DATA, freshMs: 60_000 };
    const stale = await Promise.all(Array.from({ length: 5 }, () => readThrough(k, opts, load)));
    for (const r of stale) expect(r).toEqual({ body: first!.body, etag: first!.etag, cache: "STALE" });

    await waitFor(() => load.mock.calls.length >= 2);
    let next = await readThrough(k, opts, load);
    const deadline = Date.now() + 3_000;
    while (next!.cache === "STALE" && Date.now() < deadline) {
      // The refreshed value is being written; a STALE read meanwhile still shows the old body.
      expect(next!.body).toBe(first!.body);
      await sleep(5);
      next = await readThrough(k, opts, load);
    }
    expect(next).toEqual({ body: '{"price":1200}', etag: etagOf('{"price":1200}'), cache: "HIT" });
    await sleep(100);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("bumpVersion(scope) makes the next read a MISS with fresh data; other scopes are untouched", async () => {
    const k = key("version");
    const other = key("other-scope");
    const workspaceScope = [`ws:${randomUUID()}`];
    const { state, load } = loader({ day: "2026-03-01" });
    const wsLoad = vi.fn(async () => ({ ws: true }));
    await readThrough(other, { scopes: workspaceScope }, wsLoad);
    expect((await readThrough(k, { scopes: DATA }, load))!.cache).toBe("MISS");
    const yesterday = await readThrough(k, { scopes: DATA }, load);
    expect(yesterday!.cache).toBe("HIT");

    state.value = { day: "2026-03-02" };
    await bumpVersion(DATA[0]);
    const today = await readThrough(k, { scopes: DATA }, load);
    expect(today).toMatchObject({ cache: "MISS", body: '{"day":"2026-03-02"}' });
    expect(today!.etag).not.toBe(yesterday!.etag);
    expect((await readThrough(k, { scopes: DATA }, load))).toMatchObject({ cache: "HIT", body: '{"day":"2026-03-02"}' });
    expect(load).toHaveBeenCalledTimes(2);
    expect((await readThrough(other, { scopes: workspaceScope }, wsLoad))!.cache).toBe("HIT");
  });

  it("a key under several scopes is invalidated by any of them", async () => {
    const k = key("multi-scope");
    const scopes = [DATA[0], `ws:${randomUUID()}`];
    const { load } = loader({ x: 1 });
    await readThrough(k, { scopes }, load);
    expect((await readThrough(k, { scopes }, load))!.cache).toBe("HIT");
    await bumpVersion(scopes[1]!);
    expect((await readThrough(k, { scopes }, load))!.cache).toBe("MISS");
  });
});

describe("readThrough with the backend down", () => {
  it("serves the loader's value as MISS, reports degraded health, and recovers when restored", async () => {
    expect(cacheStore()).toBe(original);
    setCacheStore(downStore());
    try {
      expect(cacheRecentlyFailed()).toBe(false);
      const k = key("down");
      const { load } = loader({ fromDb: true });
      const scopes = [DATA[0], `ws:${randomUUID()}`];
      const result = await readThrough(k, { scopes }, load);
      expect(result).toEqual({ body: '{"fromDb":true}', etag: etagOf('{"fromDb":true}'), cache: "MISS" });
      // Nothing is cached: every read goes to the database.
      expect((await readThrough(k, { scopes }, load))!.cache).toBe("MISS");
      expect(load).toHaveBeenCalledTimes(2);
      expect(await readThrough(key("down-null"), { scopes }, async () => null)).toBeNull();
      await expect(bumpVersion("data")).resolves.toBeUndefined();
      expect(cacheRecentlyFailed()).toBe(true);

      const health = await checkHealth();
      expect(health.status).toBe("degraded");
      expect(health.checks.db.status).toBe("ok");
      expect(health.checks.cache.status).toBe("degraded");
    } finally {
      setCacheStore(original);
    }
    expect(cacheStore()).toBe(original);
    expect(cacheRecentlyFailed()).toBe(false);
    const health = await checkHealth();
    expect(health.status).toBe("ok");
    const k = key("restored");
    await readThrough(k, { scopes: DATA }, async () => ({ back: true }));
    expect((await readThrough(k, { scopes: DATA }, async () => ({ back: true })))!.cache).toBe("HIT");
  });

  it("single-flight still holds while the backend is down", async () => {
    setCacheStore(downStore());
    try {
      const { load } = loader({ n: 1 }, 100);
      const k = key("down-sf");
      const scopes = [`ws:${randomUUID()}`];
      const results = await Promise.all(Array.from({ length: 10 }, () => readThrough(k, { scopes }, load)));
      expect(results.every((r) => r?.cache === "MISS")).toBe(true);
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      setCacheStore(original);
    }
  });
});
