// PUBLIC_PRODUCT_READS: anonymous callers may read global product facts (for the edge cache), never
// workspace data; anonymous answers are `public` so a shared cache may hold them, keyed ones stay
// private.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listProducts } from "@/app/api/v1/products/route";
import { GET as getProduct } from "@/app/api/v1/products/[asin]/route";
import { GET as getMetrics } from "@/app/api/v1/products/[asin]/metrics/route";
import { config } from "@/lib/config/env";
import { addDays, todayUtc } from "@/lib/dates";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
let trackedAsin: string;
let untrackedAsin: string;

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
  trackedAsin = await storeProduct({ end: addDays(todayUtc(), -1), days: 5, trackFor: ws.id });
  // Global facts exist whether or not any workspace tracks the product.
  untrackedAsin = await storeProduct({ end: addDays(todayUtc(), -1), days: 5 });
});

// Files of one worker share the parsed config (isolate: false): the flag is set per test and
// always put back.
const initialFlag = config().publicProductReads;
afterEach(() => {
  config().publicProductReads = initialFlag;
});

describe("with PUBLIC_PRODUCT_READS off (the default)", () => {
  beforeEach(() => {
    config().publicProductReads = false;
  });

  it("answers 401 to anonymous product and metrics reads", async () => {
    for (const [handler, path] of [
      [getProduct, `/api/v1/products/${trackedAsin}`],
      [getMetrics, `/api/v1/products/${trackedAsin}/metrics`],
    ] as const) {
      const res = await callRoute(handler, path, { params: { asin: trackedAsin } });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});

describe("with PUBLIC_PRODUCT_READS on", () => {
  beforeEach(() => {
    config().publicProductReads = true;
  });

  it("serves a product anonymously as public, cacheable JSON equal to the keyed answer", async () => {
    for (const asin of [trackedAsin, untrackedAsin]) {
      const anonymous = await callRoute(getProduct, `/api/v1/products/${asin}`, { params: { asin } });
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
      expect(anonymous.headers.get("vary")).toContain("Authorization");
      const keyed = await callRoute(getProduct, `/api/v1/products/${asin}`, { key: ws.keys.viewer, params: { asin } });
      expect(keyed.headers.get("cache-control")).toMatch(/^private/);
      expect(await anonymous.json()).toEqual(await keyed.json());
    }
  });

  it("serves the metrics series anonymously as public and answers 304 on a matching ETag", async () => {
    const path = `/api/v1/products/${trackedAsin}/metrics`;
    const first = await callRoute(getMetrics, path, { params: { asin: trackedAsin } });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public/);
    expect((await first.json()).points).toHaveLength(5);
    const again = await callRoute(getMetrics, path, { params: { asin: trackedAsin }, headers: { "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toMatch(/^public/);
  });

  it("keeps unknown products 404 and bad input 400, uncacheable", async () => {
    const unknown = randomAsin();
    const missing = await callRoute(getProduct, `/api/v1/products/${unknown}`, { params: { asin: unknown } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    const bad = await callRoute(getProduct, "/api/v1/products/NOPE", { params: { asin: "NOPE" } });
    expect(bad.status).toBe(400);
  });

  it("never opens workspace data: the tracked-products list still needs a key", async () => {
    const res = await callRoute(listProducts, "/api/v1/products");
    expect(res.status).toBe(401);
  });

  it("does not fall back to anonymous for a bad or revoked key", async () => {
    const res = await callRoute(getProduct, `/api/v1/products/${trackedAsin}`, { key: "sw_live_not-a-real-key", params: { asin: trackedAsin } });
    expect(res.status).toBe(401);
  });
});
