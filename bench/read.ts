// npm run bench — cached GET /api/v1/products/{asin} against the framework floor (an empty route
// in the same build) and bare node:http, at 50 connections, plus the cache hit ratio of a second
// sweep; then POST /api/v1/metrics:batch of 100 ASINs at 10 connections. Targets: cached GET ≥
// 0.8 × floor and hit ratio ≥ 99 % (foundation issue); batch p95 ≤ 80 ms (API hardening issue).
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "@/db/client";
import { ensureBootstrap } from "@/lib/bootstrap/ensure-bootstrap";
import { addDays, todayUtc } from "@/lib/dates";
import { FLOOR_BODY } from "@/lib/bench/floor-body";
import { seedDemo } from "@/lib/demo/seed-demo";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { ensureBuild } from "@/scripts/ensure-build";
import { formatTable, measure, type Measurement } from "./measure";
import { counterValue, startBareNode, startNext } from "./servers";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// The batch case asks for all of them at once: API.md's limit of 100 ASINs per batch.
const PRODUCTS = 100;
const BATCH_CONNECTIONS = 10;
const BATCH_P95_TARGET_MS = 80;
const PORT = 3300;
const API_KEY = "sw_bench_admin_key_0123456789abcdef";

ensureBuild();
const dataDir = mkdtempSync(path.join(tmpdir(), "shelfwatch-bench-"));
mkdirSync("bench/output", { recursive: true });

// Seed a private embedded database (the default deployment) before the server owns it.
const handle = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
await migrateDatabase(handle);
const { workspaceId } = await ensureBootstrap(handle.db, { adminApiKey: API_KEY }, { generateMissing: false });
await seedDemo(handle.db, { workspaceId, products: PRODUCTS, days: 30, endDate: addDays(todayUtc(), -1) });
await handle.close();

const server = await startNext({
  port: PORT,
  logFile: "bench/output/next.log",
  // One key drives every case: its read limit is raised (the limiter still runs) so no case is cut short by 429s.
  env: { DATA_DIR: dataDir, BENCH_ROUTES: "true", BOOTSTRAP_ADMIN_API_KEY: API_KEY, LOG_LEVEL: "info", DATABASE_URL: "", REDIS_URL: "", UPSTASH_REDIS_REST_URL: "", RATE_LIMIT_API_READ: "10000000/1m" },
});
const bare = await startBareNode(FLOOR_BODY);
const base = `http://127.0.0.1:${PORT}`;
const productPaths = demoCatalog(PRODUCTS).map((p) => `/api/v1/products/${p.asin}`);
const auth = { authorization: `Bearer ${API_KEY}` };
const results: Measurement[] = [];
try {
  // First sweep fills the cache (and warms the JIT); the second is the measured one.
  await measure({ name: "warm-up", url: base, paths: productPaths, headers: auth, connections: CONNECTIONS, seconds: Math.max(3, SECONDS / 3) });
  const hitsBefore = await counterValue(`${base}/api/metrics`, "cache_requests_total", 'result="hit"');
  const allBefore = await Promise.all(["hit", "miss", "stale", "error"].map((r) => counterValue(`${base}/api/metrics`, "cache_requests_total", `result="${r}"`)));
  results.push(await measure({ name: "cached GET /api/v1/products/{asin}", url: base, paths: productPaths, headers: auth, connections: CONNECTIONS, seconds: SECONDS }));
  const hitsAfter = await counterValue(`${base}/api/metrics`, "cache_requests_total", 'result="hit"');
  const allAfter = await Promise.all(["hit", "miss", "stale", "error"].map((r) => counterValue(`${base}/api/metrics`, "cache_requests_total", `result="${r}"`)));
  await measure({ name: "warm-up floor", url: `${base}/api/bench/floor`, connections: CONNECTIONS, seconds: 3 });
  results.push(await measure({ name: "empty route (framework floor)", url: `${base}/api/bench/floor`, connections: CONNECTIONS, seconds: SECONDS }));
  results.push(await measure({ name: "bare node:http", url: bare.url, connections: CONNECTIONS, seconds: SECONDS }));
  // The same empty route behind a path parameter: what Next charges for matching a dynamic route.
  const floorPaths = productPaths.map((p) => p.replace(/^\/api\/v1\/products\//, "/api/bench/floor/"));
  await measure({ name: "warm-up floor with a path parameter", url: base, paths: floorPaths, connections: CONNECTIONS, seconds: 3 });
  results.push(await measure({ name: "empty route with a path parameter", url: base, paths: floorPaths, connections: CONNECTIONS, seconds: SECONDS }));

  // The single reads above filled the cache entries the batch shares (same keys).
  const batchBody = JSON.stringify({ asins: demoCatalog(PRODUCTS).map((p) => p.asin) });
  const batchCase = { url: `${base}/api/v1/metrics:batch`, method: "POST" as const, body: batchBody, headers: auth, connections: BATCH_CONNECTIONS };
  await measure({ name: "warm-up batch", ...batchCase, seconds: 3 });
  const batch = await measure({ name: `POST /api/v1/metrics:batch (${PRODUCTS} ASINs, ${BATCH_CONNECTIONS} conn.)`, ...batchCase, seconds: SECONDS });

  const [product, floor, node, dynamicFloor] = results as [Measurement, Measurement, Measurement, Measurement];
  results.push(batch);
  const lookups = allAfter.reduce((a, b) => a + b, 0) - allBefore.reduce((a, b) => a + b, 0);
  const hitRatio = lookups > 0 ? (hitsAfter - hitsBefore) / lookups : 0;
  console.log(`\nShelfwatch read benchmark — ${CONNECTIONS} connections, ${SECONDS} s per case, ${PRODUCTS} ASINs rotated, embedded PGlite + in-memory cache\n`);
  console.log(formatTable(results));
  console.log(`\ncached GET / floor:     ${(product.rps / floor.rps).toFixed(2)}× (target ≥ 0.80)`);
  console.log(`cached GET / floor with a path parameter: ${(product.rps / dynamicFloor.rps).toFixed(2)}×`);
  console.log(`cached GET / bare node: ${(product.rps / node.rps).toFixed(3)}×`);
  console.log(`floor / bare node:      ${(floor.rps / node.rps).toFixed(3)}×`);
  console.log(`cache hit ratio (second sweep): ${(hitRatio * 100).toFixed(2)} % of ${lookups} lookups (target ≥ 99 %)`);
  console.log(
    `metrics:batch of ${PRODUCTS} ASINs at ${BATCH_CONNECTIONS} connections: p50 ${batch.p50.toFixed(1)} ms, p95 ${batch.p95.toFixed(1)} ms, p99 ${batch.p99.toFixed(1)} ms, ${batch.rps.toFixed(0)} req/s (target p95 ≤ ${BATCH_P95_TARGET_MS} ms: ${batch.p95 <= BATCH_P95_TARGET_MS ? "met" : "MISSED"})`,
  );
  const failures = results.reduce((n, r) => n + r.errors + r.non2xx, 0);
  if (failures > 0) console.log(`WARNING: ${failures} failed or non-2xx responses`);
} finally {
  server.kill("SIGTERM");
  await bare.close();
}
