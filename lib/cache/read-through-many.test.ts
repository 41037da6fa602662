import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bumpVersion } from "@/lib/cache/data-version";
import { readThrough, readThroughMany } from "@/lib/cache/read-through";
import { cacheStore } from "@/lib/cache/runtime";
import { etagOf } from "@/lib/http/responses";
import { testDatabase } from "@/test/support/database";

// A scope of this file alone: the shared "data" scope is bumped by ETL tests in the other worker
// (through Redis), which would move these keys mid-test.
const PRIVATE_SCOPE = `rtm-test-${randomUUID()}`;

// Runs against the process store: memory by default, Redis when REDIS_URL is set.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keys = (n: number) => Array.from({ length: n }, (_, i) => `rtm-test:${randomUUID()}:${i}`);

/** A loadMany that returns { key } for every key except the ones listed as absent, and counts its calls. */
function loader(absent: string[] = [], delayMs = 0) {
  const state = { version: 1 };
  const loadMany = vi.fn(async (wanted: string[]) => {
    if (delayMs > 0) await sleep(delayMs);
    return new Map(wanted.filter((k) => !absent.includes(k)).map((k) => [k, { key: k, v: state.version }]));
  });
  return { state, loadMany };
}

beforeAll(async () => {
  await testDatabase();
});
afterEach(() => vi.restoreAllMocks());

describe("readThroughMany", () => {
  it("loads all misses in one call, aligned with the keys, null for absent ones; then HITs", async () => {
    const ks = keys(5);
    const { loadMany } = loader([ks[2]!]);
    const first = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loadMany);
    expect(loadMany).toHaveBeenCalledTimes(1);
    expect(loadMany.mock.calls[0]![0]).toEqual(ks);
    expect(first.map((a) => a?.cache ?? null)).toEqual(["MISS", "MISS", null, "MISS", "MISS"]);
    const body = JSON.stringify({ key: ks[0], v: 1 });
    expect(first[0]).toEqual({ body, etag: etagOf(body), cache: "MISS" });

    const second = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loadMany);
    expect(loadMany).toHaveBeenCalledTimes(1);
    expect(second.map((a) => a?.cache ?? null)).toEqual(["HIT", "HIT", null, "HIT", "HIT"]);
    expect(second[0]!.body).toBe(body);
  });

  it("writes entries a single readThrough reads as hits (the same key and format)", async () => {
    const ks = keys(2);
    await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loader().loadMany);
    const single = vi.fn(async () => ({ never: true }));
    expect(await readThrough(ks[1]!, { scopes: [PRIVATE_SCOPE] }, single)).toMatchObject({ cache: "HIT", body: JSON.stringify({ key: ks[1], v: 1 }) });
    expect(single).not.toHaveBeenCalled();
  });

  it("loads only what is missing: cached keys are not asked for again", async () => {
    const ks = keys(4);
    await readThrough(ks[1]!, { scopes: [PRIVATE_SCOPE] }, async () => ({ key: ks[1], v: 1 }));
    const { loadMany } = loader();
    const answers = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loadMany);
    expect(loadMany.mock.calls[0]![0]).toEqual([ks[0], ks[2], ks[3]]);
    expect(answers.map((a) => a!.cache)).toEqual(["MISS", "HIT", "MISS", "MISS"]);
  });

  it("stores with one multi-set: one round trip for all misses", async () => {
    const ks = keys(10);
    const setMany = vi.spyOn(cacheStore(), "setMany");
    const set = vi.spyOn(cacheStore(), "set");
    await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loader().loadMany);
    expect(setMany).toHaveBeenCalledTimes(1);
    expect(setMany.mock.calls[0]![0]).toHaveLength(10);
    expect(set).not.toHaveBeenCalled();
  });

  it("single-flight: concurrent batches of the same cold keys load them once", async () => {
    const ks = keys(6);
    const { loadMany } = loader([], 80);
    const results = await Promise.all([
      readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loadMany),
      readThroughMany(ks.slice(2), { scopes: [PRIVATE_SCOPE] }, loadMany),
      readThrough(ks[0]!, { scopes: [PRIVATE_SCOPE] }, async () => loadMany([ks[0]!]).then((m) => m.get(ks[0]!))),
    ]);
    // Every key is loaded once. How the keys group into calls depends on which request's cache
    // lookup returns first (the single read may claim ks[0] before the first batch), so the count
    // of calls is not the property.
    expect(loadMany.mock.calls.flatMap(([wanted]) => wanted).sort()).toEqual([...ks].sort());
    expect(results[1].every((a) => a!.cache === "MISS")).toBe(true);
    expect(results[2]!.body).toBe(results[0][0]!.body);
  });

  it("serves STALE past the fresh window and refreshes all stale keys in one background load", async () => {
    const ks = keys(3);
    const { state, loadMany } = loader();
    await readThroughMany(ks, { scopes: [PRIVATE_SCOPE], freshMs: 50 }, loadMany);
    await sleep(120);
    state.version = 2;
    const stale = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE], freshMs: 60_000 }, loadMany);
    expect(stale.map((a) => a!.cache)).toEqual(["STALE", "STALE", "STALE"]);
    expect(JSON.parse(stale[0]!.body).v).toBe(1);
    const deadline = Date.now() + 3_000;
    let fresh = stale;
    while (fresh.some((a) => a!.cache !== "HIT") && Date.now() < deadline) {
      await sleep(10);
      fresh = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE], freshMs: 60_000 }, loadMany);
    }
    expect(fresh.map((a) => JSON.parse(a!.body).v)).toEqual([2, 2, 2]);
    expect(loadMany).toHaveBeenCalledTimes(2);
  });

  it("a version bump makes every key of the scope a miss", async () => {
    const ks = keys(3);
    const scope = `ws:${randomUUID()}`;
    const { state, loadMany } = loader();
    await readThroughMany(ks, { scopes: [PRIVATE_SCOPE, scope] }, loadMany);
    state.version = 2;
    await bumpVersion(scope);
    const after = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE, scope] }, loadMany);
    expect(after.map((a) => a!.cache)).toEqual(["MISS", "MISS", "MISS"]);
    expect(JSON.parse(after[2]!.body).v).toBe(2);
  });

  it("falls through to one load when the backend fails, answering MISS", async () => {
    const ks = keys(3);
    vi.spyOn(cacheStore(), "mget").mockRejectedValue(new Error("connect ECONNREFUSED"));
    const { loadMany } = loader([ks[1]!]);
    const answers = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loadMany);
    expect(answers.map((a) => a?.cache ?? null)).toEqual(["MISS", null, "MISS"]);
    expect(loadMany).toHaveBeenCalledTimes(1);
  });

  it("passes a loader failure to the caller and does not poison later reads", async () => {
    const ks = keys(2);
    await expect(readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    const answers = await readThroughMany(ks, { scopes: [PRIVATE_SCOPE] }, loader().loadMany);
    expect(answers.map((a) => a!.cache)).toEqual(["MISS", "MISS"]);
  });
});
