// npm run test:edge — the real nginx in front of a seeded `next start`, both on free ports: the
// rendered template passes `nginx -t`, then each contract of the edge (issue 8) is checked over
// HTTP. One PASS/FAIL line per check; exits 1 if any failed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ensureBuild } from "@/scripts/ensure-build";
import { freePort, makeWorkDir, prepareEdgePrefix, startEdge, startSeededApp, stopProcess, testEdgeConfig, type Edge, type SeededApp } from "./edge-harness";

const API_KEY = "sw_edge_test_admin_key_0123456789";
// Any 127/8 address is loopback on Linux, but only 127.0.0.1 and ::1 are the edge's local clients:
// requests from here are rate limited and kept off /api/metrics like a remote caller's.
const REMOTE = "127.0.0.9";
const SCRAPER = "127.0.0.10";
const MAX_AGE_SECONDS = 5;

interface EdgeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });

function send(port: number, urlPath: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer; from?: string } = {}): Promise<EdgeResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: urlPath, method: opts.method ?? "GET", headers: opts.headers, localAddress: opts.from, agent: keepAlive },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

class CheckFailed extends Error {}

function expect(condition: unknown, detail: string): asserts condition {
  if (!condition) throw new CheckFailed(detail);
}

function describe(res: EdgeResponse): string {
  return `status ${res.status}, X-Cache-Status ${res.headers["x-cache-status"] ?? "-"}, Cache-Control ${res.headers["cache-control"] ?? "-"}`;
}

const results: { name: string; ok: boolean }[] = [];

async function check(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`PASS  ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name} — ${error instanceof CheckFailed ? error.message : String(error)}`);
  }
}

function isProblem(res: EdgeResponse, status: number): boolean {
  if (res.status !== status || res.headers["content-type"] !== "application/problem+json") return false;
  const body = JSON.parse(res.body.toString()) as { status?: number; type?: string };
  return body.status === status && typeof body.type === "string";
}

async function runChecks(edge: Edge, app: SeededApp): Promise<void> {
  const port = edge.port;
  const [asin, otherAsin] = app.asins as [string, string];
  const product = `/api/v1/products/${asin}`;
  const metrics = `/api/v1/products/${otherAsin}/metrics`;
  const auth = { authorization: `Bearer ${API_KEY}` };

  await check("GET /api/health → 200, passed through uncached", async () => {
    const res = await send(port, "/api/health");
    expect(res.status === 200, describe(res));
    expect(res.headers["x-cache-status"] === undefined, `unexpected X-Cache-Status ${res.headers["x-cache-status"]}`);
  });

  await check("GET /api/metrics from 127.0.0.1 → 200 Prometheus text", async () => {
    const res = await send(port, "/api/metrics");
    expect(res.status === 200, describe(res));
    expect(res.body.toString().includes("http_request_duration_seconds"), "no http_request_duration_seconds in the exposition");
    expect(res.headers["x-cache-status"] === undefined, "metrics went through the cache");
  });

  await check(`GET /api/metrics and /metrics from ${REMOTE} → 403 problem+json (allow-list)`, async () => {
    for (const p of ["/api/metrics", "/metrics"]) {
      const res = await send(port, p, { from: REMOTE });
      expect(isProblem(res, 403), `${p}: ${describe(res)}`);
    }
  });

  await check(`GET /api/metrics from ${SCRAPER}, allowed in metrics-allow.d/ → 200`, async () => {
    const res = await send(port, "/api/metrics", { from: SCRAPER });
    expect(res.status === 200, describe(res));
  });

  await check("X-Request-Id: a client id is echoed, else one is generated", async () => {
    const echoed = await send(port, "/api/health", { headers: { "x-request-id": "edge-check-42" } });
    expect(echoed.headers["x-request-id"] === "edge-check-42", `echoed ${echoed.headers["x-request-id"]}`);
    const generated = await send(port, "/api/health");
    expect(/^[0-9a-f]{32}$/.test(String(generated.headers["x-request-id"])), `generated ${generated.headers["x-request-id"]}`);
    const junk = await send(port, "/api/health", { headers: { "x-request-id": "has spaces and <tags>" } });
    expect(/^[0-9a-f]{32}$/.test(String(junk.headers["x-request-id"])), `junk id passed through as ${junk.headers["x-request-id"]}`);
  });

  const first = await send(port, product);
  const missAt = Date.now();
  await check(`anonymous GET ${product} → 200 public, MISS`, async () => {
    expect(first.status === 200, describe(first));
    expect(String(first.headers["cache-control"]).startsWith("public"), describe(first));
    expect(first.headers["x-cache-status"] === "MISS", describe(first));
    expect((JSON.parse(first.body.toString()) as { asin?: string }).asin === asin, "body is not the product");
  });

  await check("the same GET again → HIT with the same ETag and body, request id of this request", async () => {
    const res = await send(port, product, { headers: { "x-request-id": "edge-hit-1" } });
    expect(res.status === 200 && res.headers["x-cache-status"] === "HIT", describe(res));
    expect(res.headers.etag === first.headers.etag && res.body.equals(first.body), "cached answer differs");
    expect(res.headers["x-request-id"] === "edge-hit-1", `X-Request-Id ${res.headers["x-request-id"]} on a HIT`);
  });

  await check("If-None-Match with the app's ETag → 304 from the cache, no body", async () => {
    const res = await send(port, product, { headers: { "if-none-match": String(first.headers.etag) } });
    expect(res.status === 304 && res.body.length === 0, describe(res));
    expect(res.headers["x-cache-status"] === "HIT", describe(res));
  });

  await check("gzip on JSON for Accept-Encoding: gzip", async () => {
    const res = await send(port, product, { headers: { "accept-encoding": "gzip" } });
    expect(res.status === 200 && res.headers["content-encoding"] === "gzip", `Content-Encoding ${res.headers["content-encoding"] ?? "-"}`);
    expect(gunzipSync(res.body).equals(first.body), "gunzipped body differs from the identity body");
    expect(String(res.headers.vary).includes("Accept-Encoding"), `Vary ${res.headers.vary}`);
  });

  await check("Authorization present → BYPASS, private answer, cache entry untouched", async () => {
    const res = await send(port, product, { headers: auth });
    expect(res.status === 200 && res.headers["x-cache-status"] === "BYPASS", describe(res));
    expect(String(res.headers["cache-control"]).startsWith("private"), describe(res));
    const after = await send(port, product);
    expect(after.headers["x-cache-status"] === "HIT" && String(after.headers["cache-control"]).startsWith("public"), `next anonymous: ${describe(after)}`);
  });

  await check("next-auth session cookie (plain, __Secure-, chunked) → BYPASS; other cookies do not", async () => {
    for (const cookie of ["next-auth.session-token=abc", "theme=dark; __Secure-next-auth.session-token=abc", "__Secure-next-auth.session-token.0=abc"]) {
      const res = await send(port, metrics, { headers: { cookie } });
      expect(res.headers["x-cache-status"] === "BYPASS", `${cookie}: ${describe(res)}`);
    }
    const plain = await send(port, metrics, { headers: { cookie: "theme=dark" } });
    expect(plain.status === 200 && plain.headers["x-cache-status"] !== "BYPASS", `theme=dark: ${describe(plain)}`);
  });

  await check("anonymous metrics series → MISS then HIT", async () => {
    const series = `${metrics}?from=${new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10)}`;
    const a = await send(port, series);
    const b = await send(port, series);
    expect(a.status === 200 && a.headers["x-cache-status"] === "MISS", `first: ${describe(a)}`);
    expect(b.status === 200 && b.headers["x-cache-status"] === "HIT", `second: ${describe(b)}`);
  });

  await check("workspace data (GET /api/v1/products) stays 401 anonymously and is never cached", async () => {
    const a = await send(port, "/api/v1/products");
    const b = await send(port, "/api/v1/products");
    expect(isProblem(a, 401) && isProblem(b, 401), `${describe(a)}; ${describe(b)}`);
    expect(b.headers["x-cache-status"] !== "HIT", `repeat: ${describe(b)}`);
  });

  await check("persisted GraphQL GET: the op hash in ?extensions= opens the cache; no hash or a key → BYPASS", async () => {
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: "ab".repeat(32) } }));
    const variables = encodeURIComponent(JSON.stringify({ asin }));
    const persisted = await send(port, `/api/graphql?extensions=${extensions}&variables=${variables}`);
    expect(["MISS", "HIT", "EXPIRED"].includes(String(persisted.headers["x-cache-status"])), `persisted: ${describe(persisted)}`);
    const withoutHash = await send(port, `/api/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(withoutHash.headers["x-cache-status"] === "BYPASS", `no hash: ${describe(withoutHash)}`);
    const keyed = await send(port, `/api/graphql?extensions=${extensions}&variables=${variables}`, { headers: auth });
    expect(keyed.headers["x-cache-status"] === "BYPASS", `with a key: ${describe(keyed)}`);
  });

  await check(`after max-age (${MAX_AGE_SECONDS} s) → STALE while revalidating, then HIT`, async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, missAt + (MAX_AGE_SECONDS + 1) * 1000 - Date.now())));
    const stale = await send(port, product);
    expect(stale.status === 200 && stale.headers["x-cache-status"] === "STALE", describe(stale));
    await new Promise((r) => setTimeout(r, 500));
    const fresh = await send(port, product);
    expect(fresh.headers["x-cache-status"] === "HIT", `after the background refresh: ${describe(fresh)}`);
  });

  await check("POST with a 3 MiB body → 413 problem+json", async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const res = await send(port, "/api/v1/products", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
    expect(isProblem(res, 413), describe(res));
  });

  await check(`burst of 80 GETs from ${REMOTE} → 429 problem+json with Retry-After after the burst allowance`, async () => {
    const responses = await Promise.all(Array.from({ length: 80 }, () => send(port, product, { from: REMOTE })));
    const limited = responses.filter((r) => r.status === 429);
    const served = responses.filter((r) => r.status === 200);
    expect(limited.length > 0, `no 429 among ${responses.map((r) => r.status).join(",")}`);
    expect(served.length >= 20, `only ${served.length} served before limiting`);
    expect(isProblem(limited[0]!, 429) && limited[0]!.headers["retry-after"] === "1", describe(limited[0]!));
    const local = await send(port, product);
    expect(local.status === 200, `127.0.0.1 limited too: ${describe(local)}`);
  });
}

ensureBuild();
const workDir = makeWorkDir("edge");
let app: SeededApp | undefined;
let edge: Edge | undefined;
try {
  app = await startSeededApp({ workDir, products: 5, days: 10, apiKey: API_KEY });
  const edgePort = await freePort();
  const prefix = path.join(workDir, "nginx");
  prepareEdgePrefix(prefix, edgePort, [`127.0.0.1:${app.port}`]);
  // The documented way to let a scraper in: an allow line under metrics-allow.d/.
  mkdirSync(path.join(prefix, "metrics-allow.d"));
  writeFileSync(path.join(prefix, "metrics-allow.d", "scraper.conf"), `allow ${SCRAPER};\n`);
  const configTest = testEdgeConfig(prefix);
  await check("nginx -t -p PREFIX -c PREFIX/nginx.conf", async () => expect(configTest.ok, configTest.output));
  if (configTest.ok) {
    edge = await startEdge(prefix, edgePort);
    console.log(`edge on ${edge.base} → next start on ${app.base} (work dir ${workDir})`);
    await runChecks(edge, app);
  }
} catch (error) {
  results.push({ name: "setup", ok: false });
  console.log(`FAIL  setup — ${error instanceof Error ? error.message : String(error)}`);
} finally {
  keepAlive.destroy();
  if (edge) await stopProcess(edge.process);
  if (app) await stopProcess(app.process);
}

const failed = results.filter((r) => !r.ok).length;
console.log(`\nedge: ${results.length - failed} passed, ${failed} failed`);
if (failed > 0) {
  console.log(`logs kept in ${workDir} (next.log, nginx/logs/)`);
  process.exit(1);
}
rmSync(workDir, { recursive: true, force: true });
