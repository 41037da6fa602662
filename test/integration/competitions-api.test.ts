import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCompetitions, POST as createCompetition } from "@/app/api/v1/competitions/route";
import { DELETE as deleteCompetition, GET as getCompetition, PATCH as patchCompetition } from "@/app/api/v1/competitions/[id]/route";
import { GET as getComparison } from "@/app/api/v1/competitions/[id]/comparison/route";
import { GET as listReports, POST as postReport } from "@/app/api/v1/competitions/[id]/reports/route";
import { GET as getReport } from "@/app/api/v1/reports/[id]/route";
import type { Database } from "@/db/client";
import { competitionMembers, competitions, trackedProducts } from "@/db/schema";
import { addDays, todayUtc } from "@/lib/dates";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const json = (method: string, key: string | undefined, body: unknown, params?: Record<string, string>) => ({
  method, key, params, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body),
});
const create = (ws: Ws, body: unknown) => callRoute(createCompetition, "/api/v1/competitions", json("POST", ws.keys.analyst, body));
const patch = (ws: Ws, id: string, body: unknown) => callRoute(patchCompetition, `/api/v1/competitions/${id}`, json("PATCH", ws.keys.analyst, body, { id }));
const get = (key: string, id: string, headers?: Record<string, string>) => callRoute(getCompetition, `/api/v1/competitions/${id}`, { key, params: { id }, headers });

let db: Database;
let ws: Ws;
let other: Ws;

beforeAll(async () => {
  db = (await testDatabase()).db;
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

describe("auth", () => {
  it("answers 401 without credentials and 403 to a viewer on analyst routes", async () => {
    const id = UNKNOWN_ID;
    const writes = [
      (key?: string) => callRoute(createCompetition, "/api/v1/competitions", json("POST", key, { name: "x", main_asin: randomAsin(), competitor_asins: [randomAsin()] })),
      (key?: string) => callRoute(patchCompetition, `/api/v1/competitions/${id}`, json("PATCH", key, { name: "y" }, { id })),
      (key?: string) => callRoute(deleteCompetition, `/api/v1/competitions/${id}`, { method: "DELETE", key, params: { id } }),
      (key?: string) => callRoute(postReport, `/api/v1/competitions/${id}/reports`, { method: "POST", key, params: { id } }),
    ];
    for (const call of writes) {
      const anonymous = await call();
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
      expect((await call(ws.keys.viewer)).status).toBe(403);
    }
    expect((await callRoute(listCompetitions, "/api/v1/competitions")).status).toBe(401);
    expect((await callRoute(listCompetitions, "/api/v1/competitions", { key: ws.keys.viewer })).status).toBe(200);
  });
});

describe("competitions CRUD", () => {
  it("creates a competition, tracks its untracked ASINs and reads it back with an ETag", async () => {
    const main = await storeProduct({ end: addDays(todayUtc(), -1), days: 3, trackFor: ws.id });
    const rivals = [randomAsin(), randomAsin()];
    const res = await create(ws, { name: " Blenders ", main_asin: main.toLowerCase(), competitor_asins: [` ${rivals[0]!.toLowerCase()} `, rivals[1]], colour: "ignored" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: "Blenders", marketplace: "US", main_asin: main, competitor_asins: rivals, weekly_report: false, newly_tracked: 2 });
    expect(body).not.toHaveProperty("colour");
    expect(res.headers.get("location")).toBe(`/api/v1/competitions/${body.id}`);

    const tracked = await db.select({ asin: trackedProducts.asin }).from(trackedProducts).where(eq(trackedProducts.workspaceId, ws.id));
    expect(tracked.map((t) => t.asin)).toEqual(expect.arrayContaining([main, ...rivals]));

    const read = await get(ws.keys.viewer, body.id);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: body.id, competitor_asins: rivals });
    const etag = read.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    expect((await get(ws.keys.viewer, body.id, { "if-none-match": etag })).status).toBe(304);

    // An edit bumps the workspace's version: the old ETag no longer matches.
    const renamed = await patch(ws, body.id, { name: "Kitchen blenders" });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: "Kitchen blenders", competitor_asins: rivals, newly_tracked: 0 });
    const after = await get(ws.keys.viewer, body.id, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect((await after.json()).name).toBe("Kitchen blenders");
  });

  it("replaces the member set on PATCH and keeps the order given", async () => {
    const main = randomAsin();
    const created = await (await create(ws, { name: "Set", main_asin: main, competitor_asins: [randomAsin()] })).json();
    const next = [randomAsin(), randomAsin(), randomAsin()];
    const res = await patch(ws, created.id, { competitor_asins: next, weekly_report: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ competitor_asins: next, weekly_report: true, newly_tracked: 3 });
    const members = await db.select().from(competitionMembers).where(eq(competitionMembers.competitionId, created.id)).orderBy(competitionMembers.position);
    expect(members.map((m) => m.asin)).toEqual(next);
  });

  it("lists the workspace's competitions with cursors", async () => {
    const fresh = await createWorkspace();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await (await create(fresh, { name: `C${i}`, main_asin: randomAsin(), competitor_asins: [randomAsin()] })).json()).id);
    const first = await (await callRoute(listCompetitions, "/api/v1/competitions?limit=2", { key: fresh.keys.viewer })).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    const second = await (await callRoute(listCompetitions, `/api/v1/competitions?limit=2&cursor=${first.next_cursor}`, { key: fresh.keys.viewer })).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual(ids.slice(2));
    expect(second.next_cursor).toBeNull();
    expect((await callRoute(listCompetitions, "/api/v1/competitions?cursor=garbage", { key: fresh.keys.viewer })).status).toBe(400);
  });

  it("deletes a competition with its comparison, keeping its ASINs tracked", async () => {
    const main = randomAsin();
    const created = await (await create(ws, { name: "Gone", main_asin: main, competitor_asins: [randomAsin()] })).json();
    const del = () => callRoute(deleteCompetition, `/api/v1/competitions/${created.id}`, { method: "DELETE", key: ws.keys.analyst, params: { id: created.id } });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect((await get(ws.keys.viewer, created.id)).status).toBe(404);
    const still = await db.select().from(trackedProducts).where(and(eq(trackedProducts.workspaceId, ws.id), eq(trackedProducts.asin, main)));
    expect(still).toHaveLength(1);
  });
});

describe("validation", () => {
  const main = randomAsin();
  const a = randomAsin();
  it.each([
    ["a malformed main ASIN", { name: "x", main_asin: "NOPE", competitor_asins: [a] }, "body.main_asin"],
    ["a malformed competitor ASIN", { name: "x", main_asin: main, competitor_asins: [a, "B0-BAD"] }, "body.competitor_asins.1"],
    ["no competitors", { name: "x", main_asin: main, competitor_asins: [] }, "body.competitor_asins"],
    ["eleven competitors", { name: "x", main_asin: main, competitor_asins: Array.from({ length: 11 }, () => randomAsin()) }, "body.competitor_asins"],
    ["a duplicate competitor (after normalisation)", { name: "x", main_asin: main, competitor_asins: [a, ` ${a.toLowerCase()}`] }, "body.competitor_asins.1"],
    ["the main ASIN among the competitors", { name: "x", main_asin: main, competitor_asins: [a, main] }, "body.competitor_asins.1"],
    ["an empty name", { name: "  ", main_asin: main, competitor_asins: [a] }, "body.name"],
    ["an unknown marketplace", { name: "x", main_asin: main, competitor_asins: [a], marketplace: "XX" }, "body.marketplace"],
    ["a competitor list that is not an array", { name: "x", main_asin: main, competitor_asins: a }, "body.competitor_asins"],
  ])("refuses %s with 400 problem+json and changes nothing", async (_, body, path) => {
    const before = await db.select({ id: competitions.id }).from(competitions).where(eq(competitions.workspaceId, ws.id));
    const res = await create(ws, body);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect((await res.json()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await db.select({ id: competitions.id }).from(competitions).where(eq(competitions.workspaceId, ws.id))).toHaveLength(before.length);
  });

  it("checks the merged set on PATCH: a new main ASIN that is already a competitor, duplicates", async () => {
    const rivals = [randomAsin(), randomAsin()];
    const created = await (await create(ws, { name: "Merge", main_asin: main, competitor_asins: rivals })).json();
    const clash = await patch(ws, created.id, { main_asin: rivals[1] });
    expect(clash.status).toBe(400);
    expect((await clash.json()).errors).toEqual([expect.objectContaining({ path: "body.main_asin" })]);
    const dup = await patch(ws, created.id, { competitor_asins: [rivals[0], rivals[0]] });
    expect(dup.status).toBe(400);
    expect((await get(ws.keys.viewer, created.id).then((r) => r.json())).competitor_asins).toEqual(rivals);
    expect((await patch(ws, "nope", { name: "y" })).status).toBe(400);
  });
});

describe("workspace isolation", () => {
  it("answers 404 for another workspace's competition on every route, and lists none of it", async () => {
    const theirs = await (await create(other, { name: "Theirs", main_asin: randomAsin(), competitor_asins: [randomAsin()] })).json();
    const id = theirs.id as string;
    const calls = [
      () => get(ws.keys.admin, id),
      () => patch(ws, id, { name: "mine now" }),
      () => callRoute(deleteCompetition, `/api/v1/competitions/${id}`, { method: "DELETE", key: ws.keys.admin, params: { id } }),
      () => callRoute(getComparison, `/api/v1/competitions/${id}/comparison`, { key: ws.keys.admin, params: { id } }),
      () => callRoute(listReports, `/api/v1/competitions/${id}/reports`, { key: ws.keys.admin, params: { id } }),
      () => callRoute(postReport, `/api/v1/competitions/${id}/reports`, { method: "POST", key: ws.keys.admin, params: { id } }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    const mine = await (await callRoute(listCompetitions, "/api/v1/competitions?limit=200", { key: ws.keys.viewer })).json();
    expect(mine.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await get(other.keys.viewer, id)).status).toBe(200);
    expect((await callRoute(getReport, `/api/v1/reports/${UNKNOWN_ID}`, { key: ws.keys.viewer, params: { id: UNKNOWN_ID } })).status).toBe(404);
  });
});
