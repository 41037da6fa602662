import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as untrack } from "@/app/api/v1/products/[asin]/route";
import { GET as listProducts, POST as track } from "@/app/api/v1/products/route";
import { addDays, todayUtc } from "@/lib/dates";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

const JSON_TYPE = { "content-type": "application/json" };
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let other: Awaited<ReturnType<typeof createWorkspace>>;

const post = (body: unknown, key = ws.keys.analyst) => callRoute(track, "/api/v1/products", { method: "POST", key, headers: JSON_TYPE, body: JSON.stringify(body) });
const remove = (asin: string, key = ws.keys.analyst, qs = "") => callRoute(untrack, `/api/v1/products/${asin}${qs}`, { method: "DELETE", key, params: { asin } });

async function trackedAsins(key: string): Promise<string[]> {
  const res = await callRoute(listProducts, "/api/v1/products?limit=200", { key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ asin: string }> }).items.map((i) => i.asin);
}

beforeAll(async () => {
  await testDatabase();
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

describe("POST /api/v1/products", () => {
  it("needs the analyst role: 401 without a key, 403 for a viewer", async () => {
    const body = JSON.stringify({ asins: [randomAsin()] });
    expect((await callRoute(track, "/api/v1/products", { method: "POST", headers: JSON_TYPE, body })).status).toBe(401);
    expect((await post({ asins: [randomAsin()] }, ws.keys.viewer)).status).toBe(403);
    expect((await post({ asins: [randomAsin()] }, ws.keys.admin)).status).toBe(200);
  });

  it("normalises input, reports invalid entries with a reason and tracks the rest", async () => {
    const [a, b, c] = [randomAsin(), randomAsin(), randomAsin()];
    const res = await post({ asins: [` ${a.toLowerCase()} `, b, "", "B0-SHORT", "TOOLONGASIN1", a, "b0ché12345", c] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.added).toEqual([a, b, c]);
    expect(body.already_tracked).toEqual([]);
    expect(body.invalid).toEqual([
      { asin: "", reason: "empty" },
      { asin: "B0-SHORT", reason: "only letters A-Z and digits 0-9 are allowed" },
      { asin: "TOOLONGASIN1", reason: "an ASIN has 10 characters, this has 12" },
      { asin: "b0ché12345", reason: "only letters A-Z and digits 0-9 are allowed" },
    ]);
    expect(await trackedAsins(ws.keys.viewer)).toEqual(expect.arrayContaining([a, b, c]));
  });

  it("reports ASINs tracked before as already_tracked, and the cached list shows new ones at once", async () => {
    const known = randomAsin();
    await post({ asins: [known] });
    const before = await trackedAsins(ws.keys.viewer);
    expect(before).toContain(known);
    const fresh = randomAsin();
    const body = await (await post({ asins: [known, fresh] })).json();
    expect(body).toEqual({ added: [fresh], already_tracked: [known], invalid: [] });
    expect(await trackedAsins(ws.keys.viewer)).toContain(fresh);
  });

  it("keeps workspaces apart: tracking in one is not visible in another", async () => {
    const asin = randomAsin();
    await post({ asins: [asin] });
    expect(await trackedAsins(other.keys.viewer)).not.toContain(asin);
    expect((await post({ asins: [asin] }, other.keys.analyst).then((r) => r.json())).added).toEqual([asin]);
  });

  it("tracks 5000 ASINs in one request and refuses 5001 with 400", async () => {
    const asins = Array.from({ length: 5000 }, () => randomAsin());
    const big = await createWorkspace();
    const res = await post({ asins }, big.keys.analyst);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.added).toHaveLength(new Set(asins).size);
    const tooMany = await post({ asins: [...asins, randomAsin()] }, big.keys.analyst);
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).errors).toEqual([expect.objectContaining({ path: "body.asins" })]);
  });

  it("answers 400 for wrong types, an empty list and an unknown marketplace", async () => {
    for (const body of [{}, { asins: [] }, { asins: "B000000001" }, { asins: [12345] }, { asins: [randomAsin()], marketplace: "XX" }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("uses the marketplace sent (case-insensitive), US by default", async () => {
    const asin = randomAsin();
    expect((await (await post({ asins: [asin], marketplace: "de" })).json()).added).toEqual([asin]);
    // The same ASIN in another marketplace is another product.
    expect((await (await post({ asins: [asin] })).json()).added).toEqual([asin]);
    expect((await (await post({ asins: [asin], marketplace: "DE" })).json()).already_tracked).toEqual([asin]);
  });
});

describe("DELETE /api/v1/products/{asin}", () => {
  it("stops tracking (204), then the product is gone from the list; a second delete is 404", async () => {
    const asin = await storeProduct({ end: addDays(todayUtc(), -1), days: 2, trackFor: ws.id });
    expect(await trackedAsins(ws.keys.viewer)).toContain(asin);
    expect((await remove(asin, ws.keys.viewer)).status).toBe(403);
    const res = await remove(` ${asin.toLowerCase()}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await trackedAsins(ws.keys.viewer)).not.toContain(asin);
    expect((await remove(asin)).status).toBe(404);
  });

  it("is a 404 for another workspace's product, which stays tracked there", async () => {
    const asin = randomAsin();
    await post({ asins: [asin] }, other.keys.analyst);
    expect((await remove(asin)).status).toBe(404);
    expect(await trackedAsins(other.keys.viewer)).toContain(asin);
  });

  it("removes only the marketplace named", async () => {
    const asin = randomAsin();
    await post({ asins: [asin], marketplace: "UK" });
    expect((await remove(asin)).status).toBe(404);
    expect((await remove(asin, ws.keys.analyst, "?marketplace=uk")).status).toBe(204);
  });

  it("answers 400 for a malformed ASIN or marketplace", async () => {
    expect((await remove("NOPE")).status).toBe(400);
    expect((await remove(randomAsin(), ws.keys.analyst, "?marketplace=XX")).status).toBe(400);
  });
});
