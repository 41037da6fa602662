import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getProduct } from "@/app/api/v1/products/[asin]/route";
import { GET as listProducts, POST as trackProducts } from "@/app/api/v1/products/route";
import { queryRows } from "@/db/client";
import { insertTrackedProducts } from "@/db/queries/tracking";
import { upsertDailyMetrics } from "@/db/queries/product-writes";
import { rebuildProductLatest } from "@/db/queries/product-latest-rebuild";
import { bumpVersion } from "@/lib/cache/data-version";
import { cacheStore } from "@/lib/cache/runtime";
import { config } from "@/lib/config/env";
import { addDays, todayUtc } from "@/lib/dates";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, metricsDay, randomAsin, storeProduct } from "@/test/support/fixtures";

// Two application instances share Postgres and Redis: this test process (instance A, calling the
// handlers directly) and a child process serving the same handlers over HTTP (instance B). Each
// memoises data versions in process for 1 s; a write on one must be visible on the other at once,
// which only the invalidation message on Redis can achieve inside that second.
const REAL_SERVICES = Boolean(process.env.REDIS_URL && (process.env.DATABASE_URL ?? process.env.POSTGRES_URL));
const VERSION_MEMO_MS = 1_000;
const JSON_TYPE = { "content-type": "application/json" };

let child: ChildProcess;
let instanceB: string;
let ws: Awaited<ReturnType<typeof createWorkspace>>;

async function startInstanceB(): Promise<string> {
  const { db } = await testDatabase();
  const [{ name }] = await queryRows<{ name: string }>(db, sql`select current_database() as name`);
  const target = config().database;
  if (target.kind !== "postgres") throw new Error("needs DATABASE_URL");
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  child = spawn(process.execPath, ["--conditions=react-server", "test/support/app-instance.cjs"], {
    env: { ...process.env, DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "3", CACHE_NAMESPACE: config().cacheNamespace, LOG_LEVEL: "silent", NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("instance B did not start within 60 s")), 60_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`instance B exited with ${code}`)));
  });
}

/** A read on instance B over HTTP. */
async function readOnB(pathname: string, key: string): Promise<{ status: number; body: any; cache: string | null }> {
  const res = await fetch(`${instanceB}${pathname}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json(), cache: res.headers.get("x-cache") };
}

const asinsOf = (page: { items: Array<{ asin: string }> }) => page.items.map((i) => i.asin);

describe.skipIf(!REAL_SERVICES)("cache invalidation across two app instances (real Postgres and Redis)", () => {
  beforeAll(async () => {
    expect(cacheStore().kind).toBe("redis");
    ws = await createWorkspace();
    instanceB = await startInstanceB();
  }, 90_000);

  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("a tracking change on one instance is read on the other at once, both ways", async () => {
    const first = randomAsin();
    await callRoute(trackProducts, "/api/v1/products", { method: "POST", key: ws.keys.analyst, headers: JSON_TYPE, body: JSON.stringify({ asins: [first] }) });
    expect(asinsOf((await readOnB("/api/v1/products", ws.keys.viewer)).body)).toContain(first);

    for (let round = 0; round < 5; round++) {
      // Both instances hold the list (and the workspace's version) in cache now.
      const warmA = await callRoute(listProducts, "/api/v1/products", { key: ws.keys.viewer });
      const warmB = await readOnB("/api/v1/products", ws.keys.viewer);
      const warmedAt = Date.now();
      expect(warmA.status).toBe(200);
      expect(warmB.cache).toBe("HIT");

      const onA = randomAsin();
      const tracked = await callRoute(trackProducts, "/api/v1/products", { method: "POST", key: ws.keys.analyst, headers: JSON_TYPE, body: JSON.stringify({ asins: [onA] }) });
      expect((await tracked.json()).added).toEqual([onA]);
      const seenByB = await readOnB("/api/v1/products", ws.keys.viewer);
      expect(seenByB.cache).toBe("MISS");
      expect(asinsOf(seenByB.body)).toContain(onA);

      const onB = randomAsin();
      const viaB = await fetch(`${instanceB}/api/v1/products`, {
        method: "POST",
        headers: { ...JSON_TYPE, authorization: `Bearer ${ws.keys.analyst}` },
        body: JSON.stringify({ asins: [onB] }),
      });
      expect((await viaB.json()).added).toEqual([onB]);
      // The message travels over Redis to this process; wait for it no longer than a read takes.
      const seenByA = await callRoute(listProducts, "/api/v1/products", { key: ws.keys.viewer });
      expect(asinsOf(await seenByA.json())).toContain(onB);
      // Inside the memo window, so without the message both reads above would have been stale.
      expect(Date.now() - warmedAt).toBeLessThan(VERSION_MEMO_MS);
    }
  });

  it("an ETL day (data bump) is read on the other instance at once", async () => {
    const yesterday = addDays(todayUtc(), -1);
    const asin = await storeProduct({ end: addDays(yesterday, -1), days: 3, day: () => ({ priceCents: 1000 }) });
    await bumpVersion("data");
    expect((await readOnB(`/api/v1/products/${asin}`, ws.keys.viewer)).body.price).toBe(1000);
    expect((await readOnB(`/api/v1/products/${asin}`, ws.keys.viewer)).cache).toBe("HIT");

    // What finalize does: a new day lands in core and the mart, then the data version is bumped.
    const { db } = await testDatabase();
    await upsertDailyMetrics(db, [metricsDay(asin, yesterday, { priceCents: 1250 })]);
    await rebuildProductLatest(db, [asin]);
    await bumpVersion("data");
    const after = await readOnB(`/api/v1/products/${asin}`, ws.keys.viewer);
    expect(after.body).toMatchObject({ date: yesterday, price: 1250 });
    const onA = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
    expect((await onA.json()).price).toBe(1250);
  });

  it("control: a version bump without the message leaves the other instance stale for up to the memo window", async () => {
    // Proves the test above can fail: the same write, but the version is bumped behind the
    // invalidation channel's back, so instance B keeps its memoised version for a while.
    await readOnB("/api/v1/products", ws.keys.viewer);
    const hidden = randomAsin();
    const { db } = await testDatabase();
    await insertTrackedProducts(db, ws.id, [{ asin: hidden, marketplace: "US" }]);
    await cacheStore().incr(`${config().cacheNamespace}:version:ws:${ws.id}`);
    const stale = await readOnB("/api/v1/products", ws.keys.viewer);
    expect(stale.cache).toBe("HIT");
    expect(asinsOf(stale.body)).not.toContain(hidden);
    await new Promise((resolve) => setTimeout(resolve, VERSION_MEMO_MS + 200));
    expect(asinsOf((await readOnB("/api/v1/products", ws.keys.viewer)).body)).toContain(hidden);
  });
});
