import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Database } from "@/db/client";
import { getRun } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { productMetricsDaily, rawEvents, runChunks } from "@/db/schema";
import { defaultPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import type { JobMessage } from "@/jobs/queue/queue";
import { createQStashQueue } from "@/jobs/queue/qstash-queue";
import { jobDeliveryUrl } from "@/lib/jobs/delivery-url";
import { jobDeliveryRoute } from "@/lib/jobs/receive-delivery";
import type { Marketplace } from "@/lib/products/marketplaces";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin } from "@/test/support/fixtures";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";
import { databaseUrl, holdTableLock } from "./support/postgres-faults";
import { signDelivery, startQStashServer, type QStashServer } from "@/test/support/qstash-server";
import { startRouteServer, type RouteServer } from "@/test/support/route-server";

// Fault: QStash delivers at least once, so the same signed message can arrive again — after the
// first delivery finished, or while it is still running. Either way the work must happen once:
// one fetch (staged items), one set of core rows, counters added once.
const ADMIN_URL = process.env.DATABASE_URL ?? process.env.POSTGRES_URL;

let db: Database;
let workspaceId: string;
let qstash: QStashServer;
let app: RouteServer;

/** Sends a delivery again exactly as QStash would: same message id, same body, a fresh signature. */
function redeliver(message: JobMessage, messageId: string): Promise<Response> {
  const url = jobDeliveryUrl(app.url, message.name);
  const body = JSON.stringify(message.payload);
  return fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Upstash-Signature": signDelivery(qstash.keys.currentSigningKey, { url, body }),
      "Upstash-Message-Id": messageId,
      "Upstash-Retried": "1",
    },
    body,
  });
}

/** Plans a run of `n` fresh ASINs on its own (date, marketplace) without running it; returns its chunk messages. */
async function plannedRun(n: number, date: string, marketplace: Marketplace) {
  const asins = Array.from({ length: n }, () => randomAsin());
  await trackProducts(db, workspaceId, asins.map((asin) => ({ asin, marketplace })));
  const queue = recordingQueue();
  const run = await planRun(testPipeline(db, countingSource(), queue), { date, marketplace });
  return { run, asins, chunks: queue.messages.filter((m) => m.name === "chunk") };
}

async function currentDatabase(): Promise<string> {
  return (await queryRows<{ name: string }>(db, sql`select current_database() as name`))[0]!.name;
}

async function workDone(runId: string, asins: string[], marketplace: string) {
  const [staged] = await db.select({ n: count() }).from(rawEvents).where(eq(rawEvents.runId, runId));
  const [rows] = await db.select({ n: count() }).from(productMetricsDaily).where(and(inArray(productMetricsDaily.asin, asins), eq(productMetricsDaily.marketplace, marketplace)));
  const [attempts] = await db.select({ n: sql<number>`sum(${runChunks.attempts})::int` }).from(runChunks).where(eq(runChunks.runId, runId));
  return { staged: staged!.n, rows: rows!.n, attempts: attempts!.n, run: await getRun(db, runId) };
}

describe.skipIf(!ADMIN_URL)("fault: the same QStash message delivered twice (needs DATABASE_URL; skipped on the embedded default)", () => {
  beforeAll(async () => {
    db = (await testDatabase()).db;
    workspaceId = (await createWorkspace()).id;
    qstash = await startQStashServer({ token: "qstash_fault_token" });
    const job = (pathname: string) => ({ job: decodeURIComponent(pathname.split("/").at(-1) ?? "") });
    let handler: Parameters<typeof startRouteServer>[0] = async () => new Response(null, { status: 503 });
    app = await startRouteServer((request, context) => handler(request, context), job);
    handler = jobDeliveryRoute({ ...qstash.keys, appUrl: app.url });
  });

  afterAll(async () => {
    await Promise.all([qstash?.close(), app?.close()]);
  });

  it("does the work once when a delivered chunk arrives again after it finished", async () => {
    const { run, asins, chunks } = await plannedRun(150, "2024-02-01", "PL");
    await createQStashQueue({ kind: "qstash", token: qstash.token, baseUrl: qstash.url, ...qstash.keys, appUrl: app.url }).enqueue(chunks);
    await qstash.settled();
    await (await defaultPipeline()).drain?.();
    const first = await workDone(run.id, asins, "PL");
    expect(first).toMatchObject({ staged: 150, rows: 150, attempts: 2, run: { status: "succeeded", itemsOk: 150, chunksDone: 2 } });

    const delivered = qstash.deliveries.filter((d) => d.url === jobDeliveryUrl(app.url, "chunk")).slice(-2);
    const again = await Promise.all(chunks.map((c, i) => redeliver(c, delivered[i]!.messageId)));
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    await (await defaultPipeline()).drain?.();
    expect(await workDone(run.id, asins, "PL")).toEqual(first);
  });

  it("keeps core rows and run counters exact when the same chunk is delivered twice at the same time", async () => {
    const { run, asins, chunks } = await plannedRun(80, "2024-02-02", "TR");
    expect(chunks).toHaveLength(1);
    const answers = await Promise.all([redeliver(chunks[0]!, "msg_fault_concurrent"), redeliver(chunks[0]!, "msg_fault_concurrent")]);
    await (await defaultPipeline()).drain?.();
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(await workDone(run.id, asins, "TR")).toMatchObject({ rows: 80, run: { status: "succeeded", itemsOk: 80, chunksDone: 1 } });
  });

  // Two concurrent deliveries of one chunk: the second finds the chunk's lock held and leaves the
  // work to the first, so the scraper is paid once and staging holds each item once.
  it("fetches and stages a chunk once when it is delivered twice at the same time", async () => {
    const { run, asins, chunks } = await plannedRun(60, "2024-02-03", "AE");
    // Hold the core write so the two deliveries overlap for sure, whatever the machine's speed.
    const lock = await holdTableLock(databaseUrl(ADMIN_URL!, await currentDatabase()), "core.products");
    const delivering = Promise.all([redeliver(chunks[0]!, "msg_fault_concurrent_2"), redeliver(chunks[0]!, "msg_fault_concurrent_2")]);
    const deadline = Date.now() + 3_000;
    while ((await lock.waiting()) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await lock.release();
    const answers = await delivering;
    await (await defaultPipeline()).drain?.();
    // One of the two may be told to come back later (QStash retries it), never to fail for good.
    expect(answers.map((r) => r.status)).toContain(200);
    expect(await workDone(run.id, asins, "AE")).toMatchObject({ staged: 60, rows: 60, run: { status: "succeeded", itemsOk: 60 } });
  });
});
