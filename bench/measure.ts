import autocannon from "autocannon";

export interface Measurement {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Drives one URL (or a rotation of paths) with autocannon and records every response time, so
 * p95 is exact (autocannon itself reports p90 and p97.5 only).
 */
export async function measure(opts: {
  name: string;
  url: string;
  paths?: string[];
  /** GET by default; a POST sends `body` (JSON) with every request. */
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<Measurement> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        method: opts.method ?? "GET",
        body: opts.body,
        headers: opts.body ? { ...opts.headers, "content-type": "application/json" } : opts.headers,
        // A `requests` key, even undefined, makes autocannon ignore method and body.
        ...(opts.paths ? { requests: opts.paths.map((path) => ({ method: opts.method ?? "GET", path, body: opts.body })) } : {}),
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    name: opts.name,
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || opts.seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function formatTable(rows: Measurement[]): string {
  const header = ["case", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests", "errors", "non-2xx"];
  const lines = rows.map((r) => [r.name, r.rps.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), String(r.requests), String(r.errors), String(r.non2xx)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...lines.map(fmt)].join("\n");
}
