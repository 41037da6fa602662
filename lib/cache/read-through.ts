import "server-only";
import { config } from "@/lib/config/env";
import { metrics } from "@/lib/observability/metrics";
import { logger } from "@/lib/observability/logger";
import { etagOf, type CacheableBody } from "@/lib/http/responses";
import { currentVersions } from "./data-version";
import { cacheStore, noteCacheFailure } from "./runtime";

export interface ReadThroughOptions {
  /** Version scopes the value depends on: "data", "ws:<id>". */
  scopes: readonly string[];
  freshMs?: number;
  staleMs?: number;
}

interface Entry {
  freshUntil: number;
  etag: string;
  body: string | null;
}

// Entries are stored as "freshUntil\netag\nbody" so a hit costs two indexOf calls, not a JSON
// parse of the whole body. A missing value (404) is cached for the fresh window only.
const MISSING = "-";

function encode(entry: Entry): string {
  return `${entry.freshUntil}\n${entry.body === null ? MISSING : entry.etag}\n${entry.body ?? ""}`;
}

function decode(raw: string): Entry | null {
  const first = raw.indexOf("\n");
  const second = raw.indexOf("\n", first + 1);
  if (first < 0 || second < 0) return null;
  const etag = raw.slice(first + 1, second);
  return { freshUntil: Number(raw.slice(0, first)), etag, body: etag === MISSING ? null : raw.slice(second + 1) };
}

// One computation per key at a time in this process (single-flight).
const inflight = new Map<string, Promise<Entry>>();

function compute(key: string, load: () => Promise<unknown>, ttl: { freshMs: number; staleMs: number }, store: boolean): Promise<Entry> {
  const running = inflight.get(key);
  if (running) return running;
  const promise = (async () => {
    const value = await load();
    const body = value === null || value === undefined ? null : JSON.stringify(value);
    const entry: Entry = { freshUntil: Date.now() + ttl.freshMs, etag: body === null ? MISSING : etagOf(body), body };
    if (store) {
      const ttlMs = body === null ? ttl.freshMs : ttl.freshMs + ttl.staleMs;
      await cacheStore().set(key, encode(entry), { ttlMs }).catch(() => noteCacheFailure("set"));
    }
    return entry;
  })().finally(() => inflight.delete(key));
  inflight.set(key, promise);
  return promise;
}

function refreshInBackground(key: string, load: () => Promise<unknown>, ttl: { freshMs: number; staleMs: number }): void {
  if (inflight.has(key)) return;
  // Across instances, a short lock lets one of them recompute a hot stale key; it is released as
  // soon as the refresh ends, so an entry that goes stale again soon is refreshed again.
  const lock = `${key}:refresh-lock`;
  const store = cacheStore();
  void store
    .set(lock, "1", { ttlMs: 30_000, onlyIfAbsent: true })
    .then(async (acquired) => {
      if (!acquired) return;
      try {
        await compute(key, load, ttl, true);
      } finally {
        await store.del([lock]);
      }
    })
    .catch((error) => logger().warn({ err: error, key }, "background refresh failed"));
}

function answer(entry: Entry, cache: CacheableBody["cache"]): CacheableBody | null {
  metrics().cacheRequests.inc({ result: cache.toLowerCase() });
  return entry.body === null ? null : { body: entry.body, etag: entry.etag, cache };
}

/**
 * Stale-while-revalidate read: fresh entries are served as HIT; entries past their fresh TTL but
 * inside the stale window are served as STALE while one background refresh recomputes them; misses
 * are computed once (single-flight) and stored. If the backend fails, the value is computed from
 * the database and served as MISS — never an error. Returns null when load() finds nothing.
 */
export async function readThrough(key: string, options: ReadThroughOptions, load: () => Promise<unknown>): Promise<CacheableBody | null> {
  const cfg = config();
  const ttl = { freshMs: options.freshMs ?? cfg.cacheFreshMs, staleMs: options.staleMs ?? cfg.cacheStaleMs };
  let fullKey: string;
  let raw: string | null;
  try {
    const versions = await currentVersions(options.scopes);
    fullKey = `${cfg.cacheNamespace}:${options.scopes.map((s, i) => `${s}@${versions[i]}`).join(",")}:${key}`;
    raw = await cacheStore().get(fullKey);
  } catch {
    noteCacheFailure("get");
    metrics().cacheRequests.inc({ result: "error" });
    const entry = await compute(`nocache:${key}`, load, ttl, false);
    return entry.body === null ? null : { body: entry.body, etag: entry.etag, cache: "MISS" };
  }
  const entry = raw === null ? null : decode(raw);
  if (entry) {
    if (Date.now() < entry.freshUntil) return answer(entry, "HIT");
    if (entry.body !== null) {
      refreshInBackground(fullKey, load, ttl);
      return answer(entry, "STALE");
    }
  }
  return answer(await compute(fullKey, load, ttl, true), "MISS");
}
