// npm run bench:soak -- --minutes 10 [--rate N] — the read mix at a steady rate (default: 70 % of
// the highest sustainable rate in bench/output/load.json) for the given minutes. Passes with 0
// failed requests and resident memory of the server growing ≤ 10 % from the end of the warm-up
// to the end (VmRSS of the server process and its children, from /proc). Writes the `soak`
// section of docs/performance.json.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ensureBuild } from "@/scripts/ensure-build";
import { startAppUnderTest, treeRssKb } from "./app-under-test";
import { formatTable, measure, type Measurement } from "./measure";
import { pacedLoad } from "./paced-load";
import { LOAD_RESULT_FILE, machine, recordPerformance, roundMs } from "./performance-record";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string" },
    "warm-up-seconds": { type: "string", default: "60" },
    products: { type: "string", default: "100" },
    days: { type: "string", default: "30" },
    connections: { type: "string", default: "256" },
    port: { type: "string", default: "3320" },
  },
});
const MAX_RSS_GROWTH = 0.1;
const minutes = Number(values.minutes);
const warmUpSeconds = Math.min(Number(values["warm-up-seconds"]), Math.round(minutes * 60 * 0.2));

function soakRate(): number {
  if (values.rate) return Number(values.rate);
  if (!existsSync(LOAD_RESULT_FILE)) {
    console.error(`No rate given and no ${LOAD_RESULT_FILE}: run \`npm run bench:load\` first or pass --rate N.`);
    process.exit(2);
  }
  const load = JSON.parse(readFileSync(LOAD_RESULT_FILE, "utf8")) as { read_mix: { at_70_percent: { rate: number } } };
  return load.read_mix.at_70_percent.rate;
}

const rate = soakRate();
if (!(rate > 0) || !(minutes > 0)) {
  console.error("--rate and --minutes must be positive numbers.");
  process.exit(2);
}
process.env.LOG_LEVEL ??= "warn";
ensureBuild();
mkdirSync("bench/output", { recursive: true });
const app = await startAppUnderTest({ port: Number(values.port), products: Number(values.products), days: Number(values.days), logFile: "bench/output/next-soak.log" });
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
try {
  console.log(`Shelfwatch soak — read mix at ${rate} req/s for ${minutes} min (${warmUpSeconds} s warm-up), ${app.label}, server pid ${app.pid}\n`);
  const drive = (name: string, seconds: number) =>
    pacedLoad({ name, url: app.base, paths: app.paths, headers: app.headers, connections: Number(values.connections), seconds, rate });
  const startRss = treeRssKb(app.pid);
  // A cold server (routes not yet loaded, cache empty) is first warmed at its own pace, so the
  // paced warm-up measures a warm server rather than a pile-up behind the first requests.
  await measure({ name: "cold start", url: app.base, paths: app.paths, headers: app.headers, connections: 50, seconds: 5 });
  const warmUp = await drive("warm-up", warmUpSeconds);
  const warmRss = treeRssKb(app.pid);
  console.log(`RSS at start ${mb(startRss)}, after warm-up ${mb(warmRss)}`);

  // One-minute segments (the last one shorter), so growth is visible as it happens.
  const segments: Measurement[] = [];
  const samples = [{ at_s: warmUpSeconds, rss_kb: warmRss }];
  let remaining = minutes * 60 - warmUpSeconds;
  while (remaining > 0) {
    const seconds = Math.min(60, remaining);
    const m = await drive(`minute ${segments.length + 1}`, seconds);
    segments.push(m);
    remaining -= seconds;
    const rss = treeRssKb(app.pid);
    samples.push({ at_s: minutes * 60 - remaining, rss_kb: rss });
    console.log(`  ${m.name.padEnd(10)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)}  p95 ${m.p95.toFixed(1)}  p99 ${m.p99.toFixed(1)} ms  failed ${m.errors + m.non2xx}  RSS ${mb(rss)}`);
  }
  const endRss = samples.at(-1)!.rss_kb;
  const growth = (endRss - warmRss) / warmRss;
  const failed = segments.reduce((n, m) => n + m.errors + m.non2xx, 0);
  const requests = segments.reduce((n, m) => n + m.requests, 0);
  const latencies = (p: "p50" | "p95" | "p99") => roundMs(Math.max(...segments.map((m) => m[p])));
  console.log(`\n${formatTable([warmUp, ...segments])}\n`);
  console.log(`requests after warm-up: ${requests}, failed: ${failed} (target 0)`);
  console.log(`RSS after warm-up ${mb(warmRss)} → end ${mb(endRss)}: ${(growth * 100).toFixed(1)} % (target ≤ ${MAX_RSS_GROWTH * 100} %)`);
  const passed = failed === 0 && growth <= MAX_RSS_GROWTH;
  console.log(passed ? "SOAK PASSED" : "SOAK FAILED");
  recordPerformance("soak", {
    ...machine(), database: app.label, minutes, warm_up_seconds: warmUpSeconds, rate, requests, failed,
    worst_minute_ms: { p50: latencies("p50"), p95: latencies("p95"), p99: latencies("p99") },
    rss_kb: { start: startRss, after_warm_up: warmRss, end: endRss }, rss_growth_pct: Math.round(growth * 1000) / 10, rss_samples: samples, passed,
  });
  process.exitCode = passed ? 0 : 1;
} finally {
  await app.stop();
}
