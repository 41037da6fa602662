import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";
import { config } from "@/lib/config/env";
import { cacheRecentlyFailed, cacheStore } from "@/lib/cache/runtime";

type Status = "ok" | "degraded" | "down";

interface Check {
  status: Status;
  kind: string;
  latency_ms?: number;
  detail?: string;
}

const CHECK_TIMEOUT_MS = 2000;

async function timed(kind: string, probe: () => Promise<void>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", kind, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", kind, detail: error instanceof Error ? error.message : "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * db down → the service is down (503); cache down or recently failing → degraded (reads fall
 * through to the database). The queue runs in process on the database unless QStash is set.
 */
export async function checkHealth(): Promise<{ status: Status; checks: Record<"db" | "cache" | "queue", Check> }> {
  const cfg = config();
  const [db, cacheProbe] = await Promise.all([
    timed(cfg.database.kind, async () => pingDatabase((await getDatabaseHandle()).db)),
    timed(cfg.cache.kind, () => cacheStore().ping()),
  ]);
  const cache: Check =
    cacheProbe.status === "ok" && cacheRecentlyFailed()
      ? { ...cacheProbe, status: "degraded", detail: "recent backend errors; reads fell through to the database" }
      : cacheProbe.status === "down"
        ? { ...cacheProbe, status: "degraded" }
        : cacheProbe;
  const queue: Check = cfg.env.QSTASH_TOKEN
    ? { status: "ok", kind: "qstash" }
    : { status: db.status === "ok" ? "ok" : "down", kind: "local", detail: "in-process runner, state in the database" };
  const status: Status = db.status !== "ok" ? "down" : cache.status !== "ok" ? "degraded" : "ok";
  return { status, checks: { db, cache, queue } };
}
