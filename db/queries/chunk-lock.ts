import type { Pool, PoolClient } from "pg";
import type { Database } from "@/db/client";
import { timedQuery } from "@/lib/observability/metrics";

export type ReleaseLock = () => Promise<void>;

// PGlite is one process's database: a set in that process is the lock.
const heldInProcess = new Set<string>();

function poolOf(db: Database): Pool | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client && typeof client === "object" && "connect" in client && "totalCount" in client ? (client as Pool) : null;
}

/**
 * Takes the exclusive right to work on one chunk, or returns null when another attempt holds it.
 * On Postgres it is a session advisory lock on a connection held for the attempt, so a worker that
 * dies (process killed, connection dropped) releases it at once and a redelivery can go ahead.
 */
export function tryChunkLock(db: Database, runId: string, chunkNo: number): Promise<ReleaseLock | null> {
  const key = `chunk:${runId}:${chunkNo}`;
  return timedQuery("staging.run_chunks.lock", async () => {
    const pool = poolOf(db);
    if (!pool) {
      if (heldInProcess.has(key)) return null;
      heldInProcess.add(key);
      return async () => void heldInProcess.delete(key);
    }
    const conn: PoolClient = await pool.connect();
    try {
      const { rows } = await conn.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as ok", [key]);
      if (!rows[0]?.ok) {
        conn.release();
        return null;
      }
    } catch (error) {
      conn.release(true);
      throw error;
    }
    return async () => {
      try {
        await conn.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]);
        conn.release();
      } catch {
        // The connection died (and took the lock with it): drop it rather than reuse it.
        conn.release(true);
      }
    };
  });
}
