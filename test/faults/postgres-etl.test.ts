import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "@/db/client";
import { getRun } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { ensureWorkspace } from "@/db/queries/workspaces";
import { processChunk } from "@/jobs/chunk";
import { planRun } from "@/jobs/plan";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import type { Marketplace } from "@/lib/products/marketplaces";
import { benchDatabase } from "@/bench/etl-database";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";
import { databaseUrl, holdTableLock, killBackendsPeriodically } from "./support/postgres-faults";

// Faults on real Postgres, each on a fresh database of its own so row counts are exact for the
// whole table: connections terminated during an ETL run, and a chunk process killed between
// staging and core, then redelivered. Runs only when DATABASE_URL names a server.
const ADMIN_URL = process.env.DATABASE_URL ?? process.env.POSTGRES_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let bench: Awaited<ReturnType<typeof benchDatabase>>;
let handle: DatabaseHandle;
let database: string;
let workspaceId: string;

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: string }>(handle.db, query);
  return Number(row!.n);
}

async function track(n: number, marketplace: Marketplace): Promise<string[]> {
  const asins = demoCatalog(n, { seed: `faults-${marketplace}` }).map((p) => p.asin);
  await trackProducts(handle.db, workspaceId, asins.map((asin) => ({ asin, marketplace })));
  return asins;
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!ADMIN_URL)("fault: Postgres connections and chunk processes die during the ETL (needs DATABASE_URL; skipped on the embedded default)", () => {
  beforeAll(async () => {
    bench = await benchDatabase();
    handle = bench.handle;
    database = (await queryRows<{ name: string }>(handle.db, sql`select current_database() as name`))[0]!.name;
    workspaceId = (await ensureWorkspace(handle.db, "faults", "Faults")).id;
  });

  afterAll(async () => {
    await bench?.dispose();
  });

  it("completes a 3-day run of 1,000 ASINs with exact counts while its connections are terminated", async () => {
    const asins = await track(1_000, "US");
    const days = ["2026-03-01", "2026-03-02", "2026-03-03"];
    const source = countingSource();
    const pipeline = testPipeline(handle.db, source);
    let killed = 0;
    for (const date of days) {
      const run = await planRun(pipeline, { date, marketplace: "US" });
      // Fewer kills per day than a chunk's attempts (5), so no chunk can run out of them.
      const killer = await killBackendsPeriodically(ADMIN_URL!, { database, everyMs: 40, maxKills: 3 });
      await pipeline.drain!();
      await killer.stop();
      killed += killer.killed;
      expect(await getRun(handle.db, run.id)).toMatchObject({ status: "succeeded", chunksDone: 10, chunksTotal: 10, itemsOk: 1_000, itemsRejected: 0 });
    }
    expect(killed).toBeGreaterThanOrEqual(3);
    // Chunk attempts beyond the first are the retries the kills caused.
    const retried = await count(sql`select coalesce(sum(attempts - 1), 0) as n from staging.run_chunks`);
    expect(retried).toBeGreaterThan(0);

    expect(await count(sql`select count(*) as n from core.product_metrics_daily`)).toBe(asins.length * days.length);
    expect(await count(sql`select count(*) as n from (select distinct asin, marketplace, date from core.product_metrics_daily) d`)).toBe(asins.length * days.length);
    expect(await count(sql`select count(*) as n from staging.raw_events`)).toBe(asins.length * days.length);
    expect(await count(sql`select count(*) as n from core.products`)).toBe(asins.length);
    expect(await count(sql`select count(*) as n from mart.product_latest where date = ${days.at(-1)!}`)).toBe(asins.length);
    // A chunk is fetched again only when its attempt died before staging, never once per kill of later steps.
    expect(source.calls.flat().length).toBeLessThanOrEqual(asins.length * days.length + killed * 100);
  });

  it("recovers a chunk process killed between staging and core when the chunk is redelivered", async () => {
    const asins = await track(250, "DE");
    const date = "2026-03-10";
    const run = await planRun(testPipeline(handle.db, countingSource(), recordingQueue()), { date, marketplace: "DE" });
    expect(run.chunksTotal).toBe(3);

    // Hold the first core write so the worker stops right after staging; the session check makes
    // Postgres drop the dead worker's blocked statement instead of running it once the lock is free.
    const blocker = await holdTableLock(databaseUrl(ADMIN_URL!, database), "core.products");
    const workerUrl = new URL(databaseUrl(ADMIN_URL!, database));
    workerUrl.searchParams.set("application_name", "fault-chunk-worker");
    workerUrl.searchParams.set("options", "-c client_connection_check_interval=100");
    const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/faults/support/chunk-worker.ts", workerUrl.toString(), run.id, "0"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    worker.stderr!.on("data", (d) => (stderr += String(d)));
    try {
      await waitFor("the worker to stage its chunk and block on core", async () => {
        if (worker.exitCode !== null) throw new Error(`chunk worker exited early (${worker.exitCode}): ${stderr}`);
        const staged = await count(sql`select count(*) as n from staging.raw_events where run_id = ${run.id} and chunk_no = 0`);
        return staged === 100 && (await blocker.waiting()) === 1;
      });
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.kill("SIGKILL");
      await exited;
      await waitFor("Postgres to drop the dead worker's session", async () =>
        (await count(sql`select count(*) as n from pg_stat_activity where application_name = 'fault-chunk-worker'`)) === 0,
      );
    } finally {
      worker.kill("SIGKILL");
      await blocker.release();
    }
    expect(await count(sql`select count(*) as n from core.product_metrics_daily where marketplace = 'DE'`)).toBe(0);
    expect((await getRun(handle.db, run.id))!).toMatchObject({ status: "running", chunksDone: 0 });

    // Redelivery of every chunk (QStash retries the killed one; the others were never run).
    const source = countingSource();
    const redelivery = testPipeline(handle.db, source);
    await Promise.all([0, 1, 2].map((chunkNo) => processChunk(redelivery, { runId: run.id, chunkNo })));
    await redelivery.drain!();
    // The killed chunk reused what it had staged: only the two unrun chunks were fetched.
    expect(source.calls.map((c) => c.length).sort()).toEqual([100, 50]);
    expect((await getRun(handle.db, run.id))!).toMatchObject({ status: "succeeded", chunksDone: 3, itemsOk: 250, itemsRejected: 0 });
    expect(await count(sql`select count(*) as n from core.product_metrics_daily where marketplace = 'DE' and date = ${date}`)).toBe(asins.length);
    expect(await count(sql`select count(*) as n from staging.raw_events where run_id = ${run.id}`)).toBe(asins.length);
    expect(await count(sql`select attempts as n from staging.run_chunks where run_id = ${run.id} and chunk_no = 0`)).toBe(2);
  });
});
