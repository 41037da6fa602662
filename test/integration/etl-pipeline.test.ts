import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { insertRawEvents } from "@/db/queries/raw-events";
import { claimChunk, getRun } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { productLatest, productMetricsDaily, rawEvents, runChunks } from "@/db/schema";
import type { Database } from "@/db/client";
import { processChunk } from "@/jobs/chunk";
import { planRun } from "@/jobs/plan";
import { resumeUnfinishedRuns } from "@/jobs/resume-runs";
import { demoProductFor } from "@/jobs/sources/demo/catalog";
import { generateDemoItem } from "@/jobs/sources/demo/generator";
import type { Marketplace } from "@/lib/products/marketplaces";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin } from "@/test/support/fixtures";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";

// Every test scrapes its own marketplace and date, so runs of other tests (one per (date,
// marketplace)) and products tracked by other files never mix into its counts.
let db: Database;
let workspaceId: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  workspaceId = (await createWorkspace()).id;
});

async function trackMany(n: number, marketplace: Marketplace): Promise<string[]> {
  const asins = Array.from({ length: n }, () => randomAsin());
  await trackProducts(db, workspaceId, asins.map((asin) => ({ asin, marketplace })));
  return asins;
}

async function coreRows(marketplace: string, date: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(productMetricsDaily).where(and(eq(productMetricsDaily.marketplace, marketplace), eq(productMetricsDaily.date, date)));
  return row!.n;
}

describe("daily pipeline", () => {
  it("scrapes every tracked ASIN once, in chunks, and finalizes exactly once", async () => {
    const asins = await trackMany(250, "DE");
    const source = countingSource();
    const queue = recordingQueue();
    const p = testPipeline(db, source);
    const enqueue = p.queue.enqueue.bind(p.queue);
    p.queue = { ...p.queue, enqueue: async (m) => { await queue.enqueue(m); await enqueue(m); } };
    const run = await planRun(p, { date: "2026-06-01", marketplace: "DE" });
    await p.drain!();

    const done = (await getRun(db, run.id))!;
    expect(done).toMatchObject({ status: "succeeded", chunksTotal: 3, chunksDone: 3, itemsOk: 250, itemsRejected: 0 });
    expect(source.calls.map((c) => c.length).sort()).toEqual([100, 100, 50]);
    expect(await coreRows("DE", "2026-06-01")).toBe(250);
    expect(queue.messages.filter((m) => m.name === "finalize")).toHaveLength(1);
    const [latest] = await db.select().from(productLatest).where(and(eq(productLatest.asin, asins[0]!), eq(productLatest.marketplace, "DE")));
    expect(latest).toMatchObject({ date: "2026-06-01", currency: "EUR" });
    expect(Object.keys(done.stepTimings)).toEqual(expect.arrayContaining(["plan", "fetch", "normalize", "stage", "load", "mart", "alerts", "publish"]));
  });

  it("returns the same run for the same day and does no new work", async () => {
    await trackMany(30, "FR");
    const source = countingSource();
    const p = testPipeline(db, source);
    const first = await planRun(p, { date: "2026-06-02", marketplace: "FR" });
    await p.drain!();
    const second = await planRun(p, { date: "2026-06-02", marketplace: "FR" });
    await p.drain!();
    expect(second.id).toBe(first.id);
    expect(source.calls).toHaveLength(1);
    expect(await coreRows("FR", "2026-06-02")).toBe(30);
  });

  it("ignores a chunk delivered twice", async () => {
    await trackMany(20, "IT");
    const source = countingSource();
    const p = testPipeline(db, source);
    const run = await planRun(p, { date: "2026-06-03", marketplace: "IT" });
    await p.drain!();
    await processChunk(p, { runId: run.id, chunkNo: 0 });
    await p.drain!();
    expect(source.calls).toHaveLength(1);
    expect((await getRun(db, run.id))!).toMatchObject({ status: "succeeded", itemsOk: 20, chunksDone: 1 });
    const [raw] = await db.select({ n: count() }).from(rawEvents).where(eq(rawEvents.runId, run.id));
    expect(raw!.n).toBe(20);
  });

  it("recovers a chunk that crashed between staging and core without fetching again", async () => {
    const asins = await trackMany(15, "ES");
    const source = countingSource();
    const queue = recordingQueue();
    const p = testPipeline(db, source, queue);
    const run = await planRun(p, { date: "2026-06-04", marketplace: "ES" });
    // The state a crash leaves: the attempt claimed the chunk and stored the raw items, then died.
    await claimChunk(db, run.id, 0);
    const items = asins.map((asin) => generateDemoItem(demoProductFor(asin), "2026-06-04", "ES"));
    await insertRawEvents(db, run.id, 0, items.map((payload, i) => ({ asin: asins[i]!, payload, status: "ok", error: null })));
    expect(await coreRows("ES", "2026-06-04")).toBe(0);

    const redelivery = testPipeline(db, source);
    await processChunk(redelivery, { runId: run.id, chunkNo: 0 });
    await redelivery.drain!();
    expect(source.calls).toHaveLength(0);
    expect(await coreRows("ES", "2026-06-04")).toBe(15);
    expect((await getRun(db, run.id))!).toMatchObject({ status: "succeeded", itemsOk: 15, itemsRejected: 0 });
    const [chunk] = await db.select().from(runChunks).where(eq(runChunks.runId, run.id));
    expect(chunk).toMatchObject({ status: "done", attempts: 2 });
  });

  it("quarantines malformed items with their errors and still completes", async () => {
    await trackMany(5, "UK");
    const broken = [{ title: "no asin" }, { asin: "B0BROKEN01", price: { value: "abc", currency: "£" } }, { asin: "B0BROKEN02", stars: 7 }, null];
    const p = testPipeline(db, countingSource({ extraItems: broken }));
    const run = await planRun(p, { date: "2026-06-05", marketplace: "UK" });
    await p.drain!();
    expect((await getRun(db, run.id))!).toMatchObject({ status: "succeeded", itemsOk: 5, itemsRejected: 4 });
    const rejected = await db.select().from(rawEvents).where(and(eq(rawEvents.runId, run.id), eq(rawEvents.status, "rejected")));
    expect(rejected).toHaveLength(4);
    expect(rejected.map((r) => r.error)).toEqual(expect.arrayContaining([expect.stringMatching(/asin/i), expect.stringMatching(/price/i), expect.stringMatching(/stars/i)]));
    expect(rejected.find((r) => r.asin === "B0BROKEN01")?.payload).toEqual(broken[1]);
    expect(await coreRows("UK", "2026-06-05")).toBe(5);
  });

  it("retries a failing fetch with backoff and records the attempts", async () => {
    await trackMany(10, "CA");
    const source = countingSource({ failFirst: 2 });
    const p = testPipeline(db, source);
    const run = await planRun(p, { date: "2026-06-06", marketplace: "CA" });
    await p.drain!();
    expect((await getRun(db, run.id))!).toMatchObject({ status: "succeeded", itemsOk: 10 });
    expect(source.calls).toHaveLength(3);
    const [chunk] = await db.select().from(runChunks).where(eq(runChunks.runId, run.id));
    expect(chunk).toMatchObject({ status: "done", attempts: 3, error: null });
  });

  it("refuses a run that would pass the daily Apify budget, with the reason on the run", async () => {
    await trackMany(10, "MX");
    const source = countingSource({ estimatePerItem: 100 });
    const p = testPipeline(db, source);
    const run = await planRun(p, { date: "2026-06-07", marketplace: "MX" });
    await p.drain!();
    const stored = (await getRun(db, run.id))!;
    expect(stored.status).toBe("refused");
    expect(stored.error).toMatch(/DAILY_APIFY_BUDGET_USD/);
    expect(stored.chunksTotal).toBe(0);
    expect(source.calls).toHaveLength(0);
  });

  it("resumes unfinished chunks after a restart", async () => {
    await trackMany(12, "AU");
    const source = countingSource();
    const before = testPipeline(db, source, recordingQueue());
    const run = await planRun(before, { date: "2026-06-08", marketplace: "AU" });
    expect((await getRun(db, run.id))!.status).toBe("running");

    const after = testPipeline(db, source);
    expect(await resumeUnfinishedRuns(after)).toBeGreaterThanOrEqual(1);
    await after.drain!();
    expect((await getRun(db, run.id))!).toMatchObject({ status: "succeeded", itemsOk: 12 });
  });
});
