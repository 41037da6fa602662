// A private redis-server for fault tests: on its own spare port, so a test can stop and restart it
// without disturbing the shared Redis other tests (and other workers) use.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface PrivateRedis {
  url: string;
  port: number;
  /** `SHUTDOWN NOSAVE`, then waits for the process to exit. */
  stop(): Promise<void>;
  /** Starts a fresh, empty server on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export const redisServerAvailable = spawnSync("redis-server", ["--version"]).error === undefined;

async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function cli(port: number, ...args: string[]): string {
  return spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8", timeout: 2_000 }).stdout.trim();
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await sparePort();
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const deadline = Date.now() + 5_000;
    while (cli(port, "ping") !== "PONG") {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    cli(port, "shutdown", "nosave");
    await exited;
  };

  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop, close: stop };
}
