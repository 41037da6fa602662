import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRuns, POST as startRun } from "@/app/api/v1/runs/route";
import { GET as getRun } from "@/app/api/v1/runs/[id]/route";
import { GET as cron } from "@/app/api/cron/daily/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { addDays, todayUtc } from "@/lib/dates";
import { defaultPipeline } from "@/jobs/pipeline";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace } from "@/test/support/fixtures";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { "content-type": "application/json" } });

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
});

describe("runs API", () => {
  // JP has nothing tracked in the test database: the run plans no chunks and finalizes at once,
  // without scraping products that other test files rely on.
  const date = addDays(todayUtc(), -3);

  it("starts a run as admin (202 with its id) and returns the same run for the same date", async () => {
    const first = await callRoute(startRun, "/api/v1/runs", { method: "POST", key: ws.keys.admin, ...json({ date, marketplace: "JP" }) });
    expect(first.status).toBe(202);
    const { id } = await first.json();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers.get("location")).toBe(`/api/v1/runs/${id}`);
    const again = await callRoute(startRun, "/api/v1/runs", { method: "POST", key: ws.keys.admin, ...json({ date, marketplace: "jp" }) });
    expect((await again.json()).id).toBe(id);

    await (await defaultPipeline()).drain!();
    const detail = await callRoute(getRun, `/api/v1/runs/${id}`, { key: ws.keys.viewer, params: { id } });
    expect(detail.status).toBe(200);
    expect(await detail.json()).toMatchObject({ id, date, marketplace: "JP", status: "succeeded", chunks: { done: 0, total: 0 }, items: { ok: 0, rejected: 0 }, rejected_items: [] });
    const etag = detail.headers.get("etag")!;
    const notModified = await callRoute(getRun, `/api/v1/runs/${id}`, { key: ws.keys.viewer, params: { id }, headers: { "if-none-match": etag } });
    expect(notModified.status).toBe(304);

    const list = await callRoute(listRuns, "/api/v1/runs?limit=200", { key: ws.keys.viewer });
    expect((await list.json()).items.map((r: { id: string }) => r.id)).toContain(id);
  });

  it("refuses non-admins, bad dates and future dates", async () => {
    expect((await callRoute(startRun, "/api/v1/runs", { method: "POST", key: ws.keys.analyst, ...json({}) })).status).toBe(403);
    expect((await callRoute(startRun, "/api/v1/runs", { method: "POST", ...json({}) })).status).toBe(401);
    for (const body of [{ date: "2026-13-01" }, { date: addDays(todayUtc(), 1) }, { date: 20260101 }, { marketplace: "XX" }]) {
      const res = await callRoute(startRun, "/api/v1/runs", { method: "POST", key: ws.keys.admin, ...json(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("answers 400 for a malformed run id and 404 for an unknown one", async () => {
    expect((await callRoute(getRun, "/api/v1/runs/nope", { key: ws.keys.viewer, params: { id: "nope" } })).status).toBe(400);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await callRoute(getRun, `/api/v1/runs/${unknown}`, { key: ws.keys.viewer, params: { id: unknown } })).status).toBe(404);
  });

  it("pages runs newest day first with a cursor", async () => {
    const res = await callRoute(listRuns, "/api/v1/runs?limit=1", { key: ws.keys.viewer });
    const body = await res.json();
    expect(body.items).toHaveLength(1);
    if (body.next_cursor) {
      const next = await (await callRoute(listRuns, `/api/v1/runs?limit=1&cursor=${body.next_cursor}`, { key: ws.keys.viewer })).json();
      expect(next.items[0].date <= body.items[0].date).toBe(true);
    }
    expect((await callRoute(listRuns, "/api/v1/runs?cursor=garbage", { key: ws.keys.viewer })).status).toBe(400);
  });
});

describe("cron and usage", () => {
  it("refuses the cron entry without the secret (none is configured here)", async () => {
    expect((await callRoute(cron, "/api/cron/daily")).status).toBe(401);
    expect((await callRoute(cron, "/api/cron/daily", { headers: { authorization: "Bearer guess" } })).status).toBe(401);
  });

  it("shows spend per day against the budgets to admins only", async () => {
    const res = await callRoute(usage, "/api/v1/usage", { key: ws.keys.admin });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.budgets).toEqual({ apify_daily_usd: expect.any(Number), llm_daily_usd: expect.any(Number) });
    expect(body.days).toHaveLength(30);
    expect(body.days.at(-1)).toMatchObject({ date: todayUtc(), apify_usd: expect.any(Number) });
    expect((await callRoute(usage, "/api/v1/usage", { key: ws.keys.viewer })).status).toBe(403);
  });
});
