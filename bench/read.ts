// npm run bench — cached GET /api/v1/products/{asin} against the framework floor (an empty route
// in the same build) and bare node:http, at 50 connections, plus the cache hit ratio of a second
// sweep. Targets (issue: foundation): cached GET ≥ 0.8 × floor; hit ratio ≥ 99 %.
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
const PRODUCTS = 50;
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
  env: { DATA_DIR: dataDir, BENCH_ROUTES: "true", BOOTSTRAP_ADMIN_API_KEY: API_KEY, LOG_LEVEL: "info", DATABASE_URL: "", REDIS_URL: "", UPSTASH_REDIS_REST_URL: "" },
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

  const [product, floor, node] = results as [Measurement, Measurement, Measurement];
  const lookups = allAfter.reduce((a, b) => a + b, 0) - allBefore.reduce((a, b) => a + b, 0);
  const hitRatio = lookups > 0 ? (hitsAfter - hitsBefore) / lookups : 0;
  console.log(`\nShelfwatch read benchmark — ${CONNECTIONS} connections, ${SECONDS} s per case, ${PRODUCTS} ASINs rotated, embedded PGlite + in-memory cache\n`);
  console.log(formatTable(results));
  console.log(`\ncached GET / floor:     ${(product.rps / floor.rps).toFixed(2)}× (target ≥ 0.80)`);
  console.log(`cached GET / bare node: ${(product.rps / node.rps).toFixed(3)}×`);
  console.log(`floor / bare node:      ${(floor.rps / node.rps).toFixed(3)}×`);
  console.log(`cache hit ratio (second sweep): ${(hitRatio * 100).toFixed(2)} % of ${lookups} lookups (target ≥ 99 %)`);
  const failures = results.reduce((n, r) => n + r.errors + r.non2xx, 0);
  if (failures > 0) console.log(`WARNING: ${failures} failed or non-2xx responses`);
} finally {
  server.kill("SIGTERM");
  await bare.close();
}
