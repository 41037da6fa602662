import { beforeAll, describe, expect, it } from "vitest";
import { GET as listAlerts } from "@/app/api/v1/alerts/route";
import { POST as ackAlert } from "@/app/api/v1/alerts/[id]/ack/route";
import { GET as listRules, POST as createRule } from "@/app/api/v1/alert-rules/route";
import { DELETE as deleteRule, PATCH as patchRule } from "@/app/api/v1/alert-rules/[id]/route";
import { insertAlerts } from "@/db/queries/alerts";
import { detectAlerts } from "@/lib/alerts/detect-alerts";
import { addDays, todayUtc } from "@/lib/dates";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const json = (method: string, key: string | undefined, body: unknown, params?: Record<string, string>) => ({
  method, key, params, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body),
});
const post = (ws: Ws, body: unknown) => callRoute(createRule, "/api/v1/alert-rules", json("POST", ws.keys.analyst, body));
const patch = (ws: Ws, id: string, body: unknown) => callRoute(patchRule, `/api/v1/alert-rules/${id}`, json("PATCH", ws.keys.analyst, body, { id }));
const del = (ws: Ws, id: string) => callRoute(deleteRule, `/api/v1/alert-rules/${id}`, { method: "DELETE", key: ws.keys.analyst, params: { id } });
const ack = (key: string, id: string) => callRoute(ackAlert, `/api/v1/alerts/${id}/ack`, { method: "POST", key, params: { id } });
const alertsOf = async (ws: Ws, qs = "") => (await callRoute(listAlerts, `/api/v1/alerts${qs}`, { key: ws.keys.viewer })).json();
const priceRule = { metric: "price", change: "pct", threshold: 15, direction: "down" };

let ws: Ws;
let other: Ws;

beforeAll(async () => {
  await testDatabase();
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

describe("auth", () => {
  it("answers 401 without credentials and 403 to a viewer on analyst routes", async () => {
    const id = UNKNOWN_ID;
    const calls = [
      (key?: string) => callRoute(listRules, "/api/v1/alert-rules", { key }),
      (key?: string) => callRoute(createRule, "/api/v1/alert-rules", json("POST", key, priceRule)),
      (key?: string) => callRoute(patchRule, `/api/v1/alert-rules/${id}`, json("PATCH", key, { threshold: 5 }, { id })),
      (key?: string) => callRoute(deleteRule, `/api/v1/alert-rules/${id}`, { method: "DELETE", key, params: { id } }),
      (key?: string) => callRoute(ackAlert, `/api/v1/alerts/${id}/ack`, { method: "POST", key, params: { id } }),
    ];
    for (const call of calls) {
      const anonymous = await call();
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
      expect((await call(ws.keys.viewer)).status).toBe(403);
    }
    expect((await callRoute(listAlerts, "/api/v1/alerts")).status).toBe(401);
    expect((await callRoute(listAlerts, "/api/v1/alerts", { key: ws.keys.viewer })).status).toBe(200);
  });
});

describe("alert rules", () => {
  it("lists the defaults for a new workspace, written once even under concurrent reads", async () => {
    const fresh = await createWorkspace();
    const pages = await Promise.all([1, 2, 3].map(() => callRoute(listRules, "/api/v1/alert-rules", { key: fresh.keys.analyst })));
    for (const page of pages) expect(page.status).toBe(200);
    const body = await (await callRoute(listRules, "/api/v1/alert-rules", { key: fresh.keys.admin })).json();
    expect(body.items.map((r: { metric: string }) => r.metric)).toEqual(["price", "bsr", "buybox", "stock", "rating"]);
    expect(body.items[0]).toMatchObject({ change: "pct", threshold: 10, direction: "any", asin: null, cooldown_days: 3, enabled: true });
    expect(body.next_cursor).toBeNull();
  });

  it("creates, reads, updates and deletes a rule", async () => {
    const created = await post(ws, { ...priceRule, asin: " b0abc12345 ", cooldown_days: 5, colour: "ignored" });
    expect(created.status).toBe(201);
    const rule = await created.json();
    expect(rule).toMatchObject({ ...priceRule, asin: "B0ABC12345", cooldown_days: 5, enabled: true });
    expect(created.headers.get("location")).toBe(`/api/v1/alert-rules/${rule.id}`);
    expect(rule).not.toHaveProperty("colour");

    const listed = await (await callRoute(listRules, "/api/v1/alert-rules?limit=200", { key: ws.keys.analyst })).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(rule.id);
    expect(listed.items).toHaveLength(6); // the defaults came first

    const updated = await patch(ws, rule.id, { threshold: 20, asin: null, enabled: false });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: rule.id, threshold: 20, asin: null, enabled: false, change: "pct", cooldown_days: 5 });

    expect((await del(ws, rule.id)).status).toBe(204);
    expect((await del(ws, rule.id)).status).toBe(404);
    expect((await patch(ws, rule.id, { threshold: 5 })).status).toBe(404);
  });

  it("lets buy-box and stock rules leave out change and threshold", async () => {
    const res = await post(ws, { metric: "stock", direction: "down" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ metric: "stock", direction: "down", change: "abs", threshold: 1 });
  });

  it.each([
    ["a zero threshold", { ...priceRule, threshold: 0 }, "body.threshold"],
    ["a negative threshold", { ...priceRule, threshold: -5 }, "body.threshold"],
    ["a threshold as a string", { ...priceRule, threshold: "10" }, "body.threshold"],
    ["an infinite threshold", '{"metric":"price","change":"abs","threshold":1e999,"direction":"any"}', "body.threshold"],
    ["a pct threshold over 1000", { ...priceRule, threshold: 1001 }, "body.threshold"],
    ["a price rule without a threshold", { metric: "price", change: "pct", direction: "any" }, "body.threshold"],
    ["an unknown metric", { ...priceRule, metric: "colour" }, "body.metric"],
    ["an unknown direction", { ...priceRule, direction: "sideways" }, "body.direction"],
    ["a malformed ASIN", { ...priceRule, asin: "NOPE" }, "body.asin"],
    ["a fractional cooldown", { ...priceRule, cooldown_days: 1.5 }, "body.cooldown_days"],
  ])("refuses %s with 400 and field errors", async (_, body, path) => {
    const res = await post(ws, body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it("checks the merged rule on PATCH and refuses a malformed id with 400", async () => {
    const abs = await (await post(ws, { metric: "price", change: "abs", threshold: 5000, direction: "any" })).json();
    expect((await patch(ws, abs.id, { change: "pct" })).status).toBe(400);
    const stock = await (await post(ws, { metric: "stock", direction: "any" })).json();
    const toPrice = await patch(ws, stock.id, { metric: "price" });
    expect(toPrice.status).toBe(400);
    expect((await toPrice.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "body.threshold" })]));
    expect((await patch(ws, stock.id, { metric: "price", change: "pct", threshold: 12 })).status).toBe(200);
    expect((await patch(ws, "nope", { threshold: 5 })).status).toBe(400);
    expect((await del(ws, "nope")).status).toBe(400);
  });

  it("keeps workspaces apart: another workspace's rule is a 404", async () => {
    const rule = await (await post(ws, priceRule)).json();
    expect((await patch(other, rule.id, { threshold: 5 })).status).toBe(404);
    expect((await del(other, rule.id)).status).toBe(404);
    const theirs = await (await callRoute(listRules, "/api/v1/alert-rules?limit=200", { key: other.keys.analyst })).json();
    expect(theirs.items.map((r: { id: string }) => r.id)).not.toContain(rule.id);
  });

  it("pages rules by cursor without gaps or repeats", async () => {
    const all = await (await callRoute(listRules, "/api/v1/alert-rules?limit=200", { key: ws.keys.analyst })).json();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await callRoute(listRules, `/api/v1/alert-rules?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key: ws.keys.analyst });
      const body = await res.json();
      seen.push(...body.items.map((r: { id: string }) => r.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r: { id: string }) => r.id));
    expect((await callRoute(listRules, "/api/v1/alert-rules?cursor=bm9wZQ", { key: ws.keys.analyst })).status).toBe(400);
  });
});

describe("alerts", () => {
  let asins: string[];
  const day = (i: number) => addDays("2026-01-10", i);

  beforeAll(async () => {
    const { db } = await testDatabase();
    const ruleId = (await (await post(ws, priceRule)).json()).id as string;
    asins = [randomAsin(), randomAsin()];
    await insertAlerts(db, [0, 1, 2, 3, 4].flatMap((i) =>
      asins.map((asin) => ({
        workspaceId: ws.id, ruleId, runId: null, asin, marketplace: "US", date: day(i), metric: "price" as const, kind: "price_down", oldValue: 1000, newValue: 800, change: -20,
      })),
    ));
  });

  it("lists open alerts newest day first, filtered by ASIN and since", async () => {
    const all = await alertsOf(ws, "?limit=200");
    expect(all.items).toHaveLength(10);
    expect(all.items[0]).toMatchObject({ date: day(4), kind: "price_down", metric: "price", old_value: 1000, new_value: 800, change: -20, status: "open", acknowledged_at: null });
    expect(all.items[0]).toHaveProperty("rule_id");
    expect(all.items.map((a: { date: string }) => a.date)).toEqual([...all.items.map((a: { date: string }) => a.date)].sort().reverse());
    const one = await alertsOf(ws, `?asin=${asins[0]!.toLowerCase()}&since=${day(3)}`);
    expect(one.items.map((a: { asin: string; date: string }) => [a.asin, a.date])).toEqual([[asins[0], day(4)], [asins[0], day(3)]]);
    expect((await alertsOf(other)).items).toEqual([]);
  });

  it("pages by cursor and refuses bad filters with 400", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await alertsOf(ws, `?status=all&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((a: { id: string }) => a.id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(10);
    for (const qs of ["?status=closed", "?since=2026-02-30", "?asin=NOPE", "?limit=0", "?cursor=bm9wZQ"]) {
      const res = await callRoute(listAlerts, `/api/v1/alerts${qs}`, { key: ws.keys.viewer });
      expect(res.status, qs).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("serves an ETag, HIT on repeat and 304 on a match", async () => {
    const first = await callRoute(listAlerts, "/api/v1/alerts?limit=7", { key: ws.keys.viewer });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await callRoute(listAlerts, "/api/v1/alerts?limit=7", { key: ws.keys.viewer, headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("x-cache")).toBe("HIT");
  });

  it("acknowledges an alert idempotently and keeps other workspaces out", async () => {
    const [target] = (await alertsOf(ws)).items;
    const first = await ack(ws.keys.analyst, target.id);
    expect(first.status).toBe(200);
    const acked = await first.json();
    expect(acked).toMatchObject({ id: target.id, status: "acknowledged" });
    expect(acked.acknowledged_at).toEqual(expect.any(String));
    const second = await (await ack(ws.keys.admin, target.id)).json();
    expect(second.acknowledged_at).toBe(acked.acknowledged_at);

    expect((await alertsOf(ws, "?limit=200")).items.map((a: { id: string }) => a.id)).not.toContain(target.id);
    expect((await alertsOf(ws, "?status=acknowledged")).items.map((a: { id: string }) => a.id)).toEqual([target.id]);

    expect((await ack(other.keys.analyst, target.id)).status).toBe(404);
    expect((await ack(ws.keys.analyst, UNKNOWN_ID)).status).toBe(404);
    const malformed = await ack(ws.keys.analyst, "not-a-uuid");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).errors).toEqual([expect.objectContaining({ path: "params.id" })]);
  });
});

describe("detectAlerts end to end", () => {
  it("turns a 20 % price drop into one price_down per tracking workspace, once", async () => {
    const { db } = await testDatabase();
    const [a, b, bystander] = await Promise.all([createWorkspace(), createWorkspace(), createWorkspace()]);
    const date = addDays(todayUtc(), -1);
    const asin = await storeProduct({ end: date, days: 10, trackFor: a.id, day: (i) => ({ priceCents: i === 9 ? 1600 : 2000 }) });
    await storeProduct({ asin, end: date, days: 10, trackFor: b.id, day: (i) => ({ priceCents: i === 9 ? 1600 : 2000 }) });
    // Enough untracked ASINs to span several batches.
    const asins = [...Array.from({ length: 4500 }, randomAsin), asin];

    const first = await detectAlerts(db, { runId: null, date, marketplace: "US", asins });
    expect(first.created.map((x) => [x.workspaceId, x.kind]).sort()).toEqual([[a.id, "price_down"], [b.id, "price_down"]].sort());
    expect(first.created[0]).toMatchObject({ asin, date, oldValue: 2000, newValue: 1600, change: -20 });

    const listed = await alertsOf(a);
    expect(listed.items).toEqual([expect.objectContaining({ asin, date, kind: "price_down", metric: "price", old_value: 2000, new_value: 1600, change: -20 })]);
    expect((await alertsOf(bystander)).items).toEqual([]);
    // The tracking workspaces got their default rules on the way.
    expect((await (await callRoute(listRules, "/api/v1/alert-rules", { key: a.keys.analyst })).json()).items).toHaveLength(5);

    const again = await detectAlerts(db, { runId: null, date, marketplace: "US", asins });
    expect(again.created).toEqual([]);
    expect((await alertsOf(a)).items).toHaveLength(1);
  });
});
