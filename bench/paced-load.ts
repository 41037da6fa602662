// A constant-arrival-rate load: request i is due at start + i / rate, whatever happened to the
// ones before it, and its latency is measured from that due time — so a server (or a socket pool)
// that falls behind shows as queueing in p95/p99 instead of as a client that quietly sends less.
// autocannon's `overallRate` cannot do this: each connection sends its per-second quota back to
// back at the start of every second (autocannon/lib/httpClient.js), so at half the server's
// capacity half a second of requests arrives at once.
import http from "node:http";
import { percentile, type Measurement } from "./measure";

const REQUEST_TIMEOUT_MS = 10_000;
const TICK_MS = 2;

export async function pacedLoad(opts: {
  name: string;
  url: string;
  paths?: string[];
  headers?: Record<string, string>;
  rate: number;
  seconds: number;
  /** Keep-alive sockets at most; requests beyond them wait for a free socket (and that wait counts). */
  connections: number;
}): Promise<Measurement> {
  const base = new URL(opts.url);
  const paths = opts.paths ?? [`${base.pathname}${base.search}`];
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const total = Math.max(1, Math.round(opts.rate * opts.seconds));
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  let settled = 0;
  const started = performance.now();
  let finished = started;

  await new Promise<void>((resolve) => {
    const settle = () => {
      settled += 1;
      if (settled === total) {
        finished = performance.now();
        resolve();
      }
    };
    const fire = (path: string, due: number, retried = false) => {
      const request = http.get({ host: base.hostname, port: base.port, path, agent, headers: opts.headers }, (response) => {
        response.resume();
        response.on("end", () => {
          latencies.push(performance.now() - due);
          if (response.statusCode! < 200 || response.statusCode! >= 300) non2xx += 1;
          settle();
        });
      });
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error("timeout")));
      request.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed as idle just as we reused it: HTTP clients (undici,
        // browsers) retry an idempotent request once on a fresh socket; so does this generator.
        if (!retried && request.reusedSocket && error.code === "ECONNRESET") return fire(path, due, true);
        errors += 1;
        settle();
      });
    };
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * opts.rate) + 1);
      for (; sent < due; sent++) fire(paths[sent % paths.length]!, started + (sent * 1000) / opts.rate);
      if (sent >= total) clearInterval(timer);
    }, TICK_MS);
  });
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const elapsedS = Math.max(opts.seconds, (finished - started) / 1000);
  return {
    name: opts.name,
    requests: total,
    rps: (total - errors) / elapsedS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    non2xx,
  };
}
