// The production server with demo data for the load and soak benchmarks: a private database
// (embedded PGlite by default, a fresh Postgres database when DATABASE_URL is set) seeded through
// the real pipeline, `next start` on it, and the read mix they drive.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, queryRows, type DatabaseHandle } from "@/db/client";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { ensureBootstrap } from "@/lib/bootstrap/ensure-bootstrap";
import { config } from "@/lib/config/env";
import { addDays, todayUtc } from "@/lib/dates";
import { seedDemo } from "@/lib/demo/seed-demo";
import { benchDatabase } from "./etl-database";
import { startNext } from "./servers";

export const BENCH_API_KEY = "sw_bench_admin_key_0123456789abcdef";

export interface BenchDatabase {
  handle: DatabaseHandle;
  label: string;
  /** What the server needs to open the same database. */
  serverEnv: Record<string, string>;
  dispose(): Promise<void>;
}

/** A private, migrated database on the configured engine (the server opens it after the seeding). */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const target = config().database;
  if (target.kind === "postgres") {
    const bench = await benchDatabase();
    const [{ name }] = await queryRows<{ name: string }>(bench.handle.db, sql`select current_database() as name`);
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    return { ...bench, serverEnv: { DATABASE_URL: url.toString(), DATA_DIR: "" } };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "shelfwatch-bench-"));
  const handle = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
  await migrateDatabase(handle);
  // A file-backed PGlite has one owner at a time: closed here, reopened by the server.
  return { handle, label: "embedded PGlite (file-backed)", serverEnv: { DATA_DIR: dataDir, DATABASE_URL: "", POSTGRES_URL: "" }, dispose: async () => {} };
}

/** The bench workspace with its admin API key; returns its id. */
export async function benchWorkspace(handle: DatabaseHandle): Promise<string> {
  return (await ensureBootstrap(handle.db, { adminApiKey: BENCH_API_KEY }, { generateMissing: false })).workspaceId;
}

/** `next start` on the bench database with the bench routes on and nothing external. */
export function startBenchServer(opts: { port: number; serverEnv: Record<string, string>; logFile: string; env?: Record<string, string> }): Promise<ChildProcess> {
  return startNext({
    port: opts.port,
    logFile: opts.logFile,
    env: {
      BENCH_ROUTES: "true",
      BOOTSTRAP_ADMIN_API_KEY: BENCH_API_KEY,
      LOG_LEVEL: "info",
      // Reads are measured alone: no daily run started by the server itself.
      ETL_DAILY_TIMER: "false",
      REDIS_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      // The per-key read limit stays on (its cost is part of a request) but out of reach of one bench key.
      RATE_LIMIT_API_READ: "100000000/1m",
      ...opts.serverEnv,
      ...opts.env,
    },
  });
}

/**
 * The read mix over rotating ASINs: for each ASIN its snapshot and its 30-day series, and a page
 * of the product list after every fourth ASIN (alternating sorts and page sizes).
 */
export function readMix(asins: string[]): string[] {
  const lists = ["/api/v1/products?limit=50", "/api/v1/products?limit=20&sort=-price", "/api/v1/products?limit=100&sort=bsr"];
  return asins.flatMap((asin, i) => [
    `/api/v1/products/${asin}`,
    `/api/v1/products/${asin}/metrics`,
    ...(i % 4 === 3 ? [lists[(i / 4) % lists.length | 0]!] : []),
  ]);
}

/** Seeds `products` demo products with `days` of history, starts the server; `stop()` ends both. */
export async function startAppUnderTest(opts: { port: number; products: number; days: number; logFile: string }) {
  const database = await openBenchDatabase();
  const workspaceId = await benchWorkspace(database.handle);
  await seedDemo(database.handle.db, { workspaceId, products: opts.products, days: opts.days, endDate: addDays(todayUtc(), -1) });
  if (database.handle.kind === "pglite") await database.handle.close();
  const server = await startBenchServer({ port: opts.port, serverEnv: database.serverEnv, logFile: opts.logFile });
  return {
    base: `http://127.0.0.1:${opts.port}`,
    pid: server.pid!,
    label: database.label,
    headers: { authorization: `Bearer ${BENCH_API_KEY}` },
    paths: readMix(demoCatalog(opts.products).map((p) => p.asin)),
    async stop() {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
      await database.dispose();
    },
  };
}

/** Resident memory (VmRSS, KiB) of a process and all its descendants, from /proc. */
export function treeRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const own = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return own + children.reduce((sum, child) => sum + treeRssKb(child), 0);
}
