import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** Starts `next start` (the production build) with the given environment; resolves when healthy. */
export async function startNext(opts: { port: number; env: Record<string, string>; logFile: string }): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(opts.port)], {
    env: { ...process.env, ...opts.env, PORT: String(opts.port), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(opts.logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}; see ${opts.logFile}`);
    const ok = await fetch(`http://127.0.0.1:${opts.port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`next start did not become healthy; see ${opts.logFile}`);
}

/** A bare node:http server answering every request with the same JSON body. */
export async function startBareNode(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Sum of a counter's samples in a Prometheus exposition, by one label value. */
export async function counterValue(metricsUrl: string, name: string, label: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const pattern = new RegExp(`^${name}\\{[^}]*${label}[^}]*\\} (\\S+)$`, "m");
  return Number(pattern.exec(text)?.[1] ?? 0);
}
