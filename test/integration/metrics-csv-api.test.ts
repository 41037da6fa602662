import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCsv } from "@/app/api/v1/products/[asin]/metrics.csv/route";
import { GET as getMetrics } from "@/app/api/v1/products/[asin]/metrics/route";
import { addDays, todayUtc } from "@/lib/dates";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

const yesterday = addDays(todayUtc(), -1);
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let asin: string;

const csv = (qs = "", headers: Record<string, string> = {}, a = asin) =>
  callRoute(getCsv, `/api/v1/products/${a}/metrics.csv${qs}`, { key: ws.keys.viewer, params: { asin: a }, headers });

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
  // 40 days; the seller name of the last day starts with "=" (a spreadsheet formula if left as is).
  asin = await storeProduct({
    end: yesterday,
    days: 40,
    day: (i) => ({ priceCents: 1000 + i, inStock: i % 2 === 0, buyboxSeller: i === 39 ? '=HYPERLINK("http://x","y")' : "Acme, Inc." }),
  });
});

describe("GET /api/v1/products/{asin}/metrics.csv", () => {
  it("serves the same series as …/metrics as CSV with a header row, default the 30 days ending today", async () => {
    const res = await csv();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${asin}-US-${addDays(todayUtc(), -29)}-${todayUtc()}.csv"`);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("date,currency,price,list_price,bsr,bsr_category,rating,reviews,buybox_seller,buybox_price,in_stock,offers_count");
    // Data ends yesterday: 29 days of the window have rows.
    expect(lines).toHaveLength(30);
    const json = await (await callRoute(getMetrics, `/api/v1/products/${asin}/metrics`, { key: ws.keys.viewer, params: { asin } })).json();
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(json.points.map((p: { date: string }) => p.date));
    // Null is an empty cell, booleans are words, a comma in text is quoted.
    expect(lines[1]).toMatch(new RegExp(`^${json.points[0].date},USD,${json.points[0].price},,1000,Kitchen & Dining,4.5,100,"Acme, Inc.",1999,(true|false),$`));
  });

  it("neutralises text that a spreadsheet would run as a formula", async () => {
    const last = (await (await csv()).text()).trimEnd().split("\r\n").at(-1)!;
    expect(last).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("applies the range rules of …/metrics", async () => {
    const from = addDays(yesterday, -4);
    expect((await (await csv(`?from=${from}&to=${yesterday}`)).text()).trimEnd().split("\r\n")).toHaveLength(6);
    const tooLong = await csv("?from=2020-01-01&to=2022-01-01");
    expect(tooLong.status).toBe(400);
    expect((await csv(`?from=${yesterday}&to=${from}`)).status).toBe(400);
    expect((await csv("?from=2026-02-30")).status).toBe(400);
  });

  it("has its own strong ETag and answers 304 on If-None-Match", async () => {
    const first = await csv();
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const json = await callRoute(getMetrics, `/api/v1/products/${asin}/metrics`, { key: ws.keys.viewer, params: { asin } });
    expect(json.headers.get("etag")).not.toBe(etag);
    const again = await csv("", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
  });

  it("answers 404 for an unknown product and 401 without credentials", async () => {
    const unknown = randomAsin();
    expect((await csv("", {}, unknown)).status).toBe(404);
    expect((await callRoute(getCsv, `/api/v1/products/${asin}/metrics.csv`, { params: { asin } })).status).toBe(401);
  });
});
