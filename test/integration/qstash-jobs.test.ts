import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/jobs/[job]/route";
import type { Database } from "@/db/client";
import { getRun } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { productMetricsDaily } from "@/db/schema";
import { defaultPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import type { JobMessage } from "@/jobs/queue/queue";
import { createQStashQueue, type QStashQueueConfig } from "@/jobs/queue/qstash-queue";
import { jobDeliveryUrl } from "@/lib/jobs/delivery-url";
import { jobDeliveryRoute } from "@/lib/jobs/receive-delivery";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, randomAsin } from "@/test/support/fixtures";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";
import { signDelivery, startQStashServer, type QStashServer } from "@/test/support/qstash-server";
import { startRouteServer, type RouteServer } from "@/test/support/route-server";

// Publish → QStash (a local server speaking its batch API) → signed HTTP delivery → the job route →
// runJob on the process's pipeline. Signatures are made (node:crypto) and verified (the SDK's
// Receiver) for real. The test config has no QStash settings, so the keys are passed explicitly.
type Handler = Parameters<typeof startRouteServer>[0];

let db: Database;
let workspaceId: string;
let qstash: QStashServer;
let app: RouteServer;
let sink: RouteServer;
let queueConfig: QStashQueueConfig;

const jobParam = (pathname: string) => ({ job: decodeURIComponent(pathname.split("/").at(-1) ?? "") });

beforeAll(async () => {
  db = (await testDatabase()).db;
  workspaceId = (await createWorkspace()).id;
  qstash = await startQStashServer({ token: "qstash_test_token" });
  let handler: Handler = async () => new Response(null, { status: 503 });
  app = await startRouteServer((request, context) => handler(request, context), jobParam);
  // The delivery URL is part of what is signed, so the route learns it from APP_URL, as in production.
  handler = jobDeliveryRoute({ ...qstash.keys, appUrl: app.url });
  sink = await startRouteServer(async () => Response.json({ ok: true }));
  queueConfig = { kind: "qstash", token: qstash.token, baseUrl: qstash.url, ...qstash.keys, appUrl: app.url };
});

afterAll(async () => {
  await Promise.all([qstash?.close(), app?.close(), sink?.close()]);
});

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
}

const signed = (path: string, body: string, opts: { key?: string; url?: string; nowSecs?: number } = {}) => ({
  "Upstash-Signature": signDelivery(opts.key ?? qstash.keys.currentSigningKey, { url: opts.url ?? `${app.url}${path}`, body, nowSecs: opts.nowSecs }),
});

// A chunk of a run that does not exist: accepted jobs finish at once without touching data.
const harmless = () => JSON.stringify({ runId: randomUUID(), chunkNo: 0 });

describe("QStash job deliveries", () => {
  it("publishes a run's chunks, delivers them signed, runs them — and delivers a repeated dedupe id once", async () => {
    const asins = Array.from({ length: 120 }, () => randomAsin());
    await trackProducts(db, workspaceId, asins.map((asin) => ({ asin, marketplace: "SE" })));
    const planned = recordingQueue();
    const run = await planRun(testPipeline(db, countingSource(), planned), { date: "2026-07-01", marketplace: "SE" });
    const chunks = planned.messages.filter((m) => m.name === "chunk");
    expect(chunks).toHaveLength(2);

    const queue = createQStashQueue(queueConfig);
    await queue.enqueue(chunks);
    await qstash.settled();
    await (await defaultPipeline()).drain?.();

    const delivered = qstash.deliveries.filter((d) => chunks.some((c) => d.url === jobDeliveryUrl(app.url, c.name)));
    expect(delivered.map((d) => [d.status, JSON.parse(d.responseBody)])).toEqual([[200, { ok: true }], [200, { ok: true }]]);
    expect(await getRun(db, run.id)).toMatchObject({ status: "succeeded", chunksDone: 2, itemsOk: 120, itemsRejected: 0 });
    // The demo source wrote Swedish storefront items, so the rows are in SEK (null: out of stock that day).
    const rows = await db.select().from(productMetricsDaily).where(and(inArray(productMetricsDaily.asin, asins), eq(productMetricsDaily.marketplace, "SE")));
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => r.currency).filter((c) => c !== null))).toEqual(new Set(["SEK"]));

    const deliveriesBefore = qstash.deliveries.length;
    await queue.enqueue(chunks);
    await qstash.settled();
    expect(qstash.deliveries.length).toBe(deliveriesBefore);
    expect(qstash.published.slice(-2).map((m) => m.deduplicated)).toEqual([true, true]);
  });

  it("sends each message with its dedupe id and 3 retries, in batches of at most 100", async () => {
    const publishedBefore = qstash.published.length;
    const deliveredBefore = qstash.deliveries.length;
    const messages: JobMessage[] = Array.from({ length: 205 }, (_, i) => ({ name: "finalize", payload: { runId: randomUUID(), i }, dedupeId: `batching-${randomUUID()}` }));
    await createQStashQueue({ ...queueConfig, appUrl: sink.url }).enqueue(messages);
    await qstash.settled();

    const published = qstash.published.slice(publishedBefore);
    expect(published).toHaveLength(205);
    expect(published[7]).toMatchObject({
      destination: `${sink.url}/api/jobs/finalize`,
      body: JSON.stringify(messages[7]!.payload),
      headers: { "upstash-deduplication-id": messages[7]!.dedupeId, "upstash-retries": "3", "content-type": "application/json" },
    });
    expect(qstash.deliveries.length - deliveredBefore).toBe(205);
    expect(sink.served.filter((s) => s === "POST /api/jobs/finalize 200")).toHaveLength(205);
  });

  it("accepts a signature made with the next signing key (key rotation)", async () => {
    const body = harmless();
    const response = await post("/api/jobs/chunk", body, signed("/api/jobs/chunk", body, { key: qstash.keys.nextSigningKey }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers 500 when the job itself fails, after the signature passed, so QStash retries", async () => {
    const body = JSON.stringify({ chunkNo: "not a number" });
    const response = await post("/api/jobs/chunk", body, signed("/api/jobs/chunk", body));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ status: 500, detail: "The server could not complete the request." });
  });

  it("refuses a delivery without a signature", async () => {
    const response = await post("/api/jobs/chunk", harmless());
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a signature made for another URL", async () => {
    const body = harmless();
    const forFinalize = await post("/api/jobs/chunk", body, signed("/api/jobs/chunk", body, { url: `${app.url}/api/jobs/finalize` }));
    const forOtherHost = await post("/api/jobs/chunk", body, signed("/api/jobs/chunk", body, { url: "https://elsewhere.example/api/jobs/chunk" }));
    expect([forFinalize.status, forOtherHost.status]).toEqual([401, 401]);
  });

  it("refuses a tampered body", async () => {
    const body = harmless();
    const response = await post("/api/jobs/chunk", body.replace(/"chunkNo":0/, '"chunkNo":1'), signed("/api/jobs/chunk", body));
    expect(response.status).toBe(401);
  });

  it("refuses an expired token, a token signed with another key and garbage", async () => {
    const body = harmless();
    const expired = await post("/api/jobs/chunk", body, signed("/api/jobs/chunk", body, { nowSecs: Math.floor(Date.now() / 1000) - 600 }));
    const wrongKey = await post("/api/jobs/chunk", body, signed("/api/jobs/chunk", body, { key: "sig_not_ours" }));
    const garbage = await post("/api/jobs/chunk", body, { "Upstash-Signature": "not.a.jwt" });
    expect([expired.status, wrongKey.status, garbage.status]).toEqual([401, 401, 401]);
  });

  it("answers 404 for an unknown job and 413 for a body over 1 MiB", async () => {
    const body = harmless();
    expect((await post("/api/jobs/reindex", body, signed("/api/jobs/reindex", body))).status).toBe(404);
    const huge = JSON.stringify({ runId: randomUUID(), chunkNo: 0, pad: "x".repeat(1024 * 1024) });
    expect((await post("/api/jobs/chunk", huge, signed("/api/jobs/chunk", huge))).status).toBe(413);
  });

  it("refuses every delivery to the app route while QStash is not configured, even a well-signed one", async () => {
    const body = harmless();
    const url = "http://localhost/api/jobs/chunk";
    const request = new Request(url, { method: "POST", headers: { "Content-Type": "application/json", "Upstash-Signature": signDelivery(qstash.keys.currentSigningKey, { url, body }) }, body });
    const response = await POST(request, { params: Promise.resolve({ job: "chunk" }) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ detail: "Job deliveries need QStash signing keys; none are configured." });
  });
});
