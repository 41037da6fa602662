// npm run bench:scale [-- --sizes 1000,10000,100000 --days 2] — on real Postgres (DATABASE_URL),
// for each N tracked ASINs in a fresh database: the daily ETL for `days` days (items pre-generated,
// as in bench:etl, so the source costs nothing) → seconds per day and rows/s; then the production
// server on that database → p50/p95 of GET /api/v1/products/{asin} and GET /api/v1/products (first
// page of the N tracked products, sorted by price) at a fixed gentle rate, both from the cache and
// from the database (cache TTLs of 1 ms). Writes the `scale` section of docs/performance.json (one
// entry per N, so sizes can be measured in separate runs) and redraws docs/performance.svg.
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { findRunByDate } from "@/db/queries/runs";
import { trackProducts } from "@/db/queries/tracking";
import { createPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { generateDemoItem } from "@/jobs/sources/demo/generator";
import type { ProductSource } from "@/jobs/sources/source";
import { config } from "@/lib/config/env";
import { addDays, todayUtc } from "@/lib/dates";
import { ensureBuild } from "@/scripts/ensure-build";
import { writePerformanceChart } from "@/scripts/performance-chart";
import { benchWorkspace, BENCH_API_KEY, openBenchDatabase, startBenchServer, type BenchDatabase } from "./app-under-test";
import { measure, type Measurement } from "./measure";
import { pacedLoad } from "./paced-load";
import { machine, readPerformance, recordPerformance, roundMs } from "./performance-record";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,100000" },
    days: { type: "string", default: "2" },
    concurrency: { type: "string", default: "4" },
    "read-rate": { type: "string", default: "100" },
    seconds: { type: "string", default: "6" },
    port: { type: "string", default: "3330" },
  },
});
if (config().database.kind !== "postgres") {
  console.error("bench:scale measures real Postgres: set DATABASE_URL=postgres://… (it creates and drops its own databases).");
  process.exit(2);
}
process.env.LOG_LEVEL ??= "warn";
const sizes = values.sizes!.split(",").map(Number);
const days = Number(values.days);
const READ_RATE = Number(values["read-rate"]);
const SECONDS = Number(values.seconds);
const PORT = Number(values.port);
const SAMPLE = 1000;

interface ReadFigures {
  product: { p50_ms: number; p95_ms: number; failed: number };
  list: { p50_ms: number; p95_ms: number; failed: number };
}

/** The ETL over `days` days for the N tracked ASINs; seconds per day. */
async function runEtl(db: BenchDatabase, asins: string[]): Promise<number[]> {
  const catalog = demoCatalog(asins.length, { seed: `scale-${asins.length}` });
  const end = addDays(todayUtc(), -1);
  const perDay: number[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const date = addDays(end, -d);
    const items = new Map(catalog.map((p) => [p.asin, generateDemoItem(p, date)]));
    const pregenerated: ProductSource = { name: "demo", fetch: async ({ asins: wanted }) => ({ items: wanted.map((a) => items.get(a)), costUsd: 0 }), estimateCostUsd: () => 0 };
    const pipeline = createPipeline({ db: db.handle.db, source: pregenerated, concurrency: Number(values.concurrency), backfill: true });
    const started = performance.now();
    await planRun(pipeline, { date, marketplace: "US" });
    await pipeline.drain!();
    const seconds = (performance.now() - started) / 1000;
    const run = (await findRunByDate(db.handle.db, date, "US"))!;
    if (run.status !== "succeeded" || run.itemsOk !== asins.length) throw new Error(`run ${date} ended ${run.status} with ${run.itemsOk}/${asins.length} items: ${run.error}`);
    perDay.push(seconds);
    console.log(`  ETL ${date}: ${seconds.toFixed(1)} s, ${Math.round(asins.length / seconds).toLocaleString("en-US")} rows/s`);
  }
  return perDay;
}

/** p50/p95 of the two read endpoints at a fixed rate on a server started with `env`. */
async function measureReads(db: BenchDatabase, asins: string[], mode: string, env: Record<string, string>): Promise<ReadFigures> {
  const server = await startBenchServer({ port: PORT, serverEnv: db.serverEnv, logFile: `bench/output/next-scale-${asins.length}-${mode}.log`, env });
  const base = `http://127.0.0.1:${PORT}`;
  const headers = { authorization: `Bearer ${BENCH_API_KEY}` };
  // A spread-out sample of the catalogue: the same number of distinct keys at every N.
  const step = Math.max(1, Math.floor(asins.length / SAMPLE));
  const productPaths = asins.filter((_, i) => i % step === 0).slice(0, SAMPLE).map((a) => `/api/v1/products/${a}`);
  const listPaths = ["/api/v1/products?limit=50&sort=price"];
  const run = async (name: string, paths: string[]): Promise<Measurement> => {
    await measure({ name: "warm-up", url: base, paths, headers, connections: 10, seconds: 3 });
    const m = await pacedLoad({ name, url: base, paths, headers, rate: READ_RATE, seconds: SECONDS, connections: 64 });
    console.log(`  ${mode.padEnd(8)} ${name.padEnd(8)} p50 ${m.p50.toFixed(1).padStart(6)} ms  p95 ${m.p95.toFixed(1).padStart(6)} ms  failed ${m.errors + m.non2xx}`);
    return m;
  };
  try {
    const product = await run("product", productPaths);
    const list = await run("list", listPaths);
    const figures = (m: Measurement) => ({ p50_ms: roundMs(m.p50), p95_ms: roundMs(m.p95), failed: m.errors + m.non2xx });
    return { product: figures(product), list: figures(list) };
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
}

ensureBuild();
mkdirSync("bench/output", { recursive: true });
const previous = (readPerformance().scale as { sizes?: Array<{ asins: number }> } | undefined)?.sizes ?? [];
const measured = [];
for (const n of sizes) {
  console.log(`\nN = ${n.toLocaleString("en-US")} tracked ASINs, ${days} days`);
  const db = await openBenchDatabase();
  try {
    const workspaceId = await benchWorkspace(db.handle);
    const asins = demoCatalog(n, { seed: `scale-${n}` }).map((p) => p.asin);
    await trackProducts(db.handle.db, workspaceId, asins.map((asin) => ({ asin, marketplace: "US" })));
    const perDay = await runEtl(db, asins);
    const cached = await measureReads(db, asins, "cached", {});
    const database = await measureReads(db, asins, "database", { CACHE_FRESH_SECONDS: "0.001", CACHE_STALE_SECONDS: "0.001" });
    const etlSeconds = perDay.reduce((a, b) => a + b, 0) / perDay.length;
    measured.push({ asins: n, days, etl_seconds_per_day: Math.round(etlSeconds * 100) / 100, etl_rows_per_second: Math.round(n / etlSeconds), etl_seconds_each_day: perDay.map((s) => Math.round(s * 100) / 100), reads_cached: cached, reads_database: database });
  } finally {
    await db.dispose();
  }
}

const sizesByN = new Map([...previous, ...measured].map((s) => [s.asins, s]));
const all = [...sizesByN.values()].sort((a, b) => a.asins - b.asins);
recordPerformance("scale", { ...machine(), database: "Postgres (DATABASE_URL, a fresh database per N)", etl_concurrency: Number(values.concurrency), read_rate_per_second: READ_RATE, read_seconds: SECONDS, sizes: all });
writePerformanceChart();
console.log("\n   N ASINs  ETL s/day   rows/s   product p50/p95 (cache | db)      list p50/p95 (cache | db)");
for (const s of all as typeof measured) {
  const pair = (r: { p50_ms: number; p95_ms: number }) => `${r.p50_ms.toFixed(1)}/${r.p95_ms.toFixed(1)}`;
  console.log(`${String(s.asins).padStart(9)}  ${s.etl_seconds_per_day.toFixed(1).padStart(9)}  ${String(s.etl_rows_per_second).padStart(7)}   ${pair(s.reads_cached.product).padStart(12)} | ${pair(s.reads_database.product).padEnd(12)}     ${pair(s.reads_cached.list).padStart(12)} | ${pair(s.reads_database.list)}`);
}
console.log("\nwrote the scale section of docs/performance.json and docs/performance.svg");
