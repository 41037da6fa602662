// Shared by `npm run test:edge` and `npm run bench:edge`: a seeded `next start` on a free port and
// the edge template rendered into a temporary prefix and run by the real nginx binary.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "@/db/client";
import { ensureBootstrap } from "@/lib/bootstrap/ensure-bootstrap";
import { addDays, todayUtc } from "@/lib/dates";
import { seedDemo } from "@/lib/demo/seed-demo";
import { demoCatalog } from "@/jobs/sources/demo/catalog";
import { startNext } from "@/bench/servers";

const TEMPLATE = path.join(import.meta.dirname, "nginx.conf.template");
// Debian installs nginx in /usr/sbin, which is not on an unprivileged user's PATH.
const NGINX_BIN = existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
const UPSTREAM = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;

/** A TCP port nobody listens on right now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The template with its three placeholders replaced. Several upstreams become several `server`
 * lines: the placeholder sits in `server ${APP_UPSTREAM};`, so they are joined with "; server ".
 */
export function renderEdgeConfig(template: string, vars: { port: number; upstreams: string[]; prefix: string }): string {
  const bad = vars.upstreams.find((u) => !UPSTREAM.test(u));
  if (vars.upstreams.length === 0 || bad !== undefined) throw new Error(`APP_UPSTREAM must be host:port, got ${JSON.stringify(bad ?? "")}`);
  if (/[\s;{}'"]/.test(vars.prefix)) throw new Error(`NGINX_PREFIX must not contain spaces, quotes or ; {} (got ${vars.prefix})`);
  return template
    .replaceAll("${NGINX_PORT}", String(vars.port))
    .replaceAll("${APP_UPSTREAM}", vars.upstreams.join("; server "))
    .replaceAll("${NGINX_PREFIX}", vars.prefix);
}

export interface Edge {
  prefix: string;
  port: number;
  base: string;
  accessLog: string;
  process: ChildProcess;
}

/** Renders the template into `prefix` (created), leaving nginx.conf and logs/ there. */
export function prepareEdgePrefix(prefix: string, port: number, upstreams: string[]): string {
  mkdirSync(path.join(prefix, "logs"), { recursive: true });
  // Started as root, nginx's workers run as `nobody` and must be able to enter the prefix.
  chmodSync(prefix, 0o755);
  writeFileSync(path.join(prefix, "nginx.conf"), renderEdgeConfig(readFileSync(TEMPLATE, "utf8"), { port, upstreams, prefix }));
  return path.join(prefix, "nginx.conf");
}

function nginxArgs(prefix: string): string[] {
  return ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-e", path.join(prefix, "logs", "error.log")];
}

/** `nginx -t` on the rendered file: syntax, paths it must create, modules it needs. */
export function testEdgeConfig(prefix: string): { ok: boolean; output: string } {
  const result = spawnSync(NGINX_BIN, ["-t", ...nginxArgs(prefix)], { encoding: "utf8" });
  if (result.error) return { ok: false, output: `cannot run ${NGINX_BIN}: ${result.error.message}` };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Runs nginx in the foreground (so the child is the master) and waits until it accepts. */
export async function startEdge(prefix: string, port: number): Promise<Edge> {
  const child = spawn(NGINX_BIN, [...nginxArgs(prefix), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr.trim()}`);
    if (await accepts(port)) {
      return { prefix, port, base: `http://127.0.0.1:${port}`, accessLog: path.join(prefix, "logs", "access.log"), process: child };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`nginx did not accept connections on ${port}: ${stderr.trim()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Sends SIGTERM and waits for the process to be gone. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export interface SeededApp {
  base: string;
  port: number;
  asins: string[];
  process: ChildProcess;
}

/**
 * The default deployment behind the edge: a private embedded database seeded with demo history
 * (the same path as `npm run demo`), then `next start` with anonymous product reads on and an
 * admin API key. The daily timer stays off so no ETL run competes with the measurement.
 */
export async function startSeededApp(opts: { workDir: string; products: number; days: number; apiKey: string; env?: Record<string, string> }): Promise<SeededApp> {
  // Seeding runs the real pipeline in this process: keep its per-step log lines off the report.
  process.env.LOG_LEVEL ??= "warn";
  const dataDir = path.join(opts.workDir, "data");
  const handle = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
  try {
    await migrateDatabase(handle);
    const { workspaceId } = await ensureBootstrap(handle.db, { adminApiKey: opts.apiKey }, { generateMissing: false });
    await seedDemo(handle.db, { workspaceId, products: opts.products, days: opts.days, endDate: addDays(todayUtc(), -1) });
  } finally {
    // A file-backed PGlite has one owner at a time: release it before the server opens it.
    await handle.close();
  }
  const port = await freePort();
  const child = await startNext({
    port,
    logFile: path.join(opts.workDir, "next.log"),
    env: {
      DATA_DIR: dataDir,
      PUBLIC_PRODUCT_READS: "true",
      BOOTSTRAP_ADMIN_API_KEY: opts.apiKey,
      ETL_DAILY_TIMER: "false",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      POSTGRES_URL: "",
      REDIS_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      ...opts.env,
    },
  });
  return { base: `http://127.0.0.1:${port}`, port, asins: demoCatalog(opts.products).map((p) => p.asin), process: child };
}

/** A fresh working directory for one run (data, logs, nginx prefix). */
export function makeWorkDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `shelfwatch-${label}-`));
  chmodSync(dir, 0o755);
  return dir;
}
