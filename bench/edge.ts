// npm run bench:edge — anonymous GET /api/v1/products/{asin} through the nginx edge (micro-cache
// HITs), next to the same GETs straight to `next start` (the app's own cache) and bare node:http,
// in one run on the same cores, at 50 connections. The edge's cache outcomes come from its log.
import { readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { FLOOR_BODY } from "@/lib/bench/floor-body";
import { ensureBuild } from "@/scripts/ensure-build";
import { freePort, makeWorkDir, prepareEdgePrefix, startEdge, startSeededApp, stopProcess, testEdgeConfig } from "@/deploy/nginx/edge-harness";
import { formatTable, measure, type Measurement } from "./measure";
import { startBareNode } from "./servers";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PRODUCTS = 50;
const API_KEY = "sw_bench_edge_admin_key_0123456789";

/** Counts of X-Cache-Status values in the edge's JSON access log from a byte offset on. */
function cacheOutcomes(accessLog: string, fromByte: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of readFileSync(accessLog).subarray(fromByte).toString().split("\n")) {
    if (!line) continue;
    const outcome = (JSON.parse(line) as { cache: string }).cache || "none";
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}

ensureBuild();
const workDir = makeWorkDir("bench-edge");
// The direct-to-Next case sends every request from one address: the app's per-IP read limit
// would turn part of it into 429s and measure the limiter instead of the read path.
const app = await startSeededApp({ workDir, products: PRODUCTS, days: 30, apiKey: API_KEY, env: { RATE_LIMIT_API_READ: "off" } });
const prefix = path.join(workDir, "nginx");
const edgePort = await freePort();
prepareEdgePrefix(prefix, edgePort, [`127.0.0.1:${app.port}`]);
const configTest = testEdgeConfig(prefix);
if (!configTest.ok) throw new Error(`nginx -t failed:\n${configTest.output}`);
const edge = await startEdge(prefix, edgePort);
const bare = await startBareNode(FLOOR_BODY);
const paths = app.asins.map((asin) => `/api/v1/products/${asin}`);
const results: Measurement[] = [];
try {
  // Warm both caches and the JIT; the measured sweeps follow.
  await measure({ name: "warm-up", url: edge.base, paths, connections: CONNECTIONS, seconds: 3 });
  // The access log is buffered (flush=1s): wait so the offset marks the end of the warm-up.
  await new Promise((r) => setTimeout(r, 1500));
  const logOffset = statSync(edge.accessLog).size;
  results.push(await measure({ name: "anonymous GET via nginx (micro-cache)", url: edge.base, paths, connections: CONNECTIONS, seconds: SECONDS }));
  await new Promise((r) => setTimeout(r, 1500));
  const outcomes = cacheOutcomes(edge.accessLog, logOffset);
  results.push(await measure({ name: "anonymous GET direct to next start", url: app.base, paths, connections: CONNECTIONS, seconds: SECONDS }));
  results.push(await measure({ name: "bare node:http (same JSON size)", url: bare.url, connections: CONNECTIONS, seconds: SECONDS }));

  const [viaEdge, direct, node] = results as [Measurement, Measurement, Measurement];
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
  console.log(`\nShelfwatch edge benchmark — ${CONNECTIONS} connections, ${SECONDS} s per case, ${PRODUCTS} ASINs rotated, nginx + next start + autocannon on the same cores\n`);
  console.log(formatTable(results));
  console.log(`\nvia nginx / bare node:    ${(viaEdge.rps / node.rps).toFixed(3)}×`);
  console.log(`via nginx / direct next:  ${(viaEdge.rps / direct.rps).toFixed(2)}×`);
  console.log(`edge cache outcomes (measured sweep): ${Object.entries(outcomes).map(([k, v]) => `${k} ${((v / total) * 100).toFixed(2)} %`).join(", ")} of ${total} requests`);
  const failures = results.reduce((n, r) => n + r.errors + r.non2xx, 0);
  if (failures > 0) console.log(`WARNING: ${failures} failed or non-2xx responses`);
} finally {
  await stopProcess(edge.process);
  await stopProcess(app.process);
  await bare.close();
}
rmSync(workDir, { recursive: true, force: true });
