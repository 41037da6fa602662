// npm run bench:load — raises the request rate on the read endpoints (GET /api/v1/products,
// /products/{asin}, /products/{asin}/metrics over rotating ASINs) until p95 passes 100 ms, and
// prints the highest sustainable rate with p50/p95/p99 at 70 % of it — next to the empty-route
// floor and bare node:http, ramped the same way in the same run (paced load: bench/paced-load.ts). Writes bench/output/load.json
// (the soak's default rate) and the `load` section of docs/performance.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { FLOOR_BODY } from "@/lib/bench/floor-body";
import { ensureBuild } from "@/scripts/ensure-build";
import { startAppUnderTest } from "./app-under-test";
import { formatTable, measure, type Measurement } from "./measure";
import { pacedLoad } from "./paced-load";
import { LOAD_RESULT_FILE, machine, recordPerformance, roundMs } from "./performance-record";
import { startBareNode } from "./servers";

const { values } = parseArgs({
  options: {
    products: { type: "string", default: "100" },
    days: { type: "string", default: "30" },
    "step-seconds": { type: "string", default: "4" },
    seconds: { type: "string", default: "15" },
    connections: { type: "string", default: "256" },
    "p95-limit": { type: "string", default: "100" },
    port: { type: "string", default: "3310" },
  },
});
const STEP_SECONDS = Number(values["step-seconds"]);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const P95_LIMIT_MS = Number(values["p95-limit"]);

interface Target {
  name: string;
  url: string;
  paths?: string[];
  headers?: Record<string, string>;
}

interface Ramp {
  saturationRps: number;
  highestSustainableRps: number;
  stoppedBy: string;
  steps: Array<{ rate: number; rps: number; p95_ms: number; failed: number }>;
}

interface Result {
  target: Target;
  ramp: Ramp;
  rate: number;
  at70: Measurement;
}

const failed = (m: Measurement) => m.errors + m.non2xx;

/**
 * Flat out at 50 connections first (the ceiling), then paced steps of 10 % of it from 40 % up:
 * a step is sustained when p95 ≤ the limit, nothing failed and ≥ 95 % of the asked rate was served.
 * The first step that is not sustained ends the ramp; one half step refines the answer.
 */
async function ramp(target: Target): Promise<Ramp> {
  const flatOut = await measure({ ...target, connections: 50, seconds: STEP_SECONDS });
  const saturationRps = flatOut.rps;
  const step = Math.max(10, Math.round(saturationRps / 10));
  const steps: Ramp["steps"] = [];
  const tryRate = async (rate: number): Promise<string | null> => {
    const m = await pacedLoad({ ...target, connections: CONNECTIONS, seconds: STEP_SECONDS, rate });
    steps.push({ rate, rps: Math.round(m.rps), p95_ms: roundMs(m.p95), failed: failed(m) });
    process.stdout.write(`  ${target.name.padEnd(28)} ${String(rate).padStart(6)} req/s asked → ${m.rps.toFixed(0).padStart(6)} served, p95 ${m.p95.toFixed(1)} ms, ${failed(m)} failed\n`);
    if (failed(m) > 0) return `${failed(m)} failed requests at ${rate} req/s`;
    if (m.p95 > P95_LIMIT_MS) return `p95 ${m.p95.toFixed(0)} ms > ${P95_LIMIT_MS} ms at ${rate} req/s`;
    if (m.rps < 0.95 * rate) return `served ${m.rps.toFixed(0)} of ${rate} req/s`;
    return null;
  };
  let best = 0;
  let stoppedBy = "";
  for (let rate = Math.max(step, Math.round(saturationRps * 0.4 / step) * step); rate <= saturationRps * 2; rate += step) {
    const failure = await tryRate(rate);
    if (failure) {
      stoppedBy = failure;
      break;
    }
    best = rate;
  }
  if (best > 0 && stoppedBy && (await tryRate(best + Math.round(step / 2))) === null) best += Math.round(step / 2);
  return { saturationRps: Math.round(saturationRps), highestSustainableRps: best, stoppedBy: stoppedBy || "no limit reached below 2× saturation", steps };
}

process.env.LOG_LEVEL ??= "warn";
ensureBuild();
mkdirSync("bench/output", { recursive: true });
const app = await startAppUnderTest({ port: Number(values.port), products: Number(values.products), days: Number(values.days), logFile: "bench/output/next-load.log" });
const bare = await startBareNode(FLOOR_BODY);
try {
  const targets: Target[] = [
    { name: "read mix (products API)", url: app.base, paths: app.paths, headers: app.headers },
    { name: "empty route (floor)", url: `${app.base}/api/bench/floor` },
    { name: "bare node:http", url: bare.url },
  ];
  console.log(`Shelfwatch load benchmark — ${app.label}, ${values.products} demo products × ${values.days} days, in-memory cache`);
  console.log(`constant arrival rate (latency from each request's due time), up to ${CONNECTIONS} sockets, ${STEP_SECONDS} s per step;`);
  console.log(`sustained = p95 ≤ ${P95_LIMIT_MS} ms, no errors, ≥ 95 % of the asked rate served\n`);
  // Fill the cache and warm the JIT before anything is measured.
  await measure({ ...targets[0]!, connections: 50, seconds: 5 });
  await measure({ ...targets[1]!, connections: 50, seconds: 2 });

  const results: Result[] = [];
  for (const target of targets) {
    const r = await ramp(target);
    const rate = Math.max(1, Math.round(r.highestSustainableRps * 0.7));
    const at70 = await pacedLoad({ ...target, name: `${target.name} @ ${rate}/s`, connections: CONNECTIONS, seconds: SECONDS, rate });
    results.push({ target, ramp: r, rate, at70 });
  }

  console.log(`\nHighest sustainable rate, and latency at 70 % of it (${SECONDS} s):\n`);
  console.log(formatTable(results.map((r) => r.at70)));
  console.log("");
  for (const r of results) {
    console.log(`${r.target.name.padEnd(26)} ceiling ${String(r.ramp.saturationRps).padStart(6)} req/s flat out; highest sustainable ${String(r.ramp.highestSustainableRps).padStart(6)} req/s (stopped by: ${r.ramp.stoppedBy})`);
  }
  const [reads, floor, node] = results as [Result, Result, Result];
  console.log(`\nread mix / floor: ${(reads.ramp.highestSustainableRps / floor.ramp.highestSustainableRps).toFixed(2)}× of the framework's sustainable rate`);

  const figure = (r: Result) => ({
    saturation_rps: r.ramp.saturationRps,
    highest_sustainable_rps: r.ramp.highestSustainableRps,
    stopped_by: r.ramp.stoppedBy,
    at_70_percent: { rate: r.rate, served_rps: Math.round(r.at70.rps), p50_ms: roundMs(r.at70.p50), p95_ms: roundMs(r.at70.p95), p99_ms: roundMs(r.at70.p99), requests: r.at70.requests, failed: failed(r.at70) },
    ramp: r.ramp.steps,
  });
  const record = { ...machine(), database: app.label, products: Number(values.products), days: Number(values.days), connections: CONNECTIONS, p95_limit_ms: P95_LIMIT_MS, read_mix: figure(reads), floor: figure(floor), bare_node: figure(node) };
  writeFileSync(LOAD_RESULT_FILE, `${JSON.stringify(record, null, 2)}\n`);
  recordPerformance("load", record);
  console.log(`\nwrote ${LOAD_RESULT_FILE} and the load section of docs/performance.json`);
} finally {
  await bare.close();
  await app.stop();
}
