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

interface Ttl {
  freshMs: number;
  staleMs: number;
}

function entryOf(value: unknown, ttl: Ttl): Entry {
  const body = value === null || value === undefined ? null : JSON.stringify(value);
  return { freshUntil: Date.now() + ttl.freshMs, etag: body === null ? MISSING : etagOf(body), body };
}

/** How long the backend keeps an entry: a missing value only for the fresh window. */
function storedMs(entry: Entry, ttl: Ttl): number {
  return entry.body === null ? ttl.freshMs : ttl.freshMs + ttl.staleMs;
}

function ttlOf(options: ReadThroughOptions): Ttl {
  const cfg = config();
  return { freshMs: options.freshMs ?? cfg.cacheFreshMs, staleMs: options.staleMs ?? cfg.cacheStaleMs };
}

/** The backend key: the caller's key under the current version of every scope it depends on. */
async function versionedKeys(keys: readonly string[], scopes: readonly string[]): Promise<string[]> {
  const versions = await currentVersions(scopes);
  const prefix = `${config().cacheNamespace}:${scopes.map((s, i) => `${s}@${versions[i]}`).join(",")}:`;
  return keys.map((key) => prefix + key);
}

// One computation per key at a time in this process (single-flight).
const inflight = new Map<string, Promise<Entry>>();

function compute(key: string, load: () => Promise<unknown>, ttl: Ttl, store: boolean): Promise<Entry> {
  const running = inflight.get(key);
  if (running) return running;
  const promise = (async () => {
    const entry = entryOf(await load(), ttl);
    if (store) await cacheStore().set(key, encode(entry), { ttlMs: storedMs(entry, ttl) }).catch(() => noteCacheFailure("set"));
    return entry;
  })().finally(() => inflight.delete(key));
  inflight.set(key, promise);
  return promise;
}

function refreshInBackground(key: string, load: () => Promise<unknown>, ttl: Ttl): void {
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
  const ttl = ttlOf(options);
  let fullKey: string;
  let raw: string | null;
  try {
    [fullKey] = (await versionedKeys([key], options.scopes)) as [string];
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

/**
 * Computes several missing keys with one loadMany call and stores them with one setMany. Each key
 * is registered as in flight, so a concurrent single read or batch waits for it instead of loading
 * it again. Returns one promise per key, aligned with keys.
 */
function computeMany(keys: string[], fullKeys: string[], loadMany: (keys: string[]) => Promise<ReadonlyMap<string, unknown>>, ttl: Ttl): Promise<Entry>[] {
  const batch = (async () => {
    const values = await loadMany(keys);
    const entries = keys.map((key) => entryOf(values.get(key), ttl));
    await cacheStore()
      .setMany(entries.map((entry, i) => ({ key: fullKeys[i]!, value: encode(entry), ttlMs: storedMs(entry, ttl) })))
      .catch(() => noteCacheFailure("set"));
    return entries;
  })();
  return fullKeys.map((fullKey, i) => {
    const promise = batch.then((entries) => entries[i]!).finally(() => inflight.delete(fullKey));
    // Awaiters still see a failure; this only keeps an unawaited background refresh from being unhandled.
    promise.catch(() => {});
    inflight.set(fullKey, promise);
    return promise;
  });
}

/**
 * The batch form of readThrough for distinct keys: one multi-get for all of them, one loadMany call
 * for the misses (keys already being computed by another request are awaited, not loaded twice).
 * Stale entries are served STALE and refreshed together in the background. loadMany returns values
 * by key; a key it leaves out is "not found". Answers are aligned with keys, null when not found.
 */
export async function readThroughMany(
  keys: readonly string[],
  options: ReadThroughOptions,
  loadMany: (keys: string[]) => Promise<ReadonlyMap<string, unknown>>,
): Promise<(CacheableBody | null)[]> {
  const ttl = ttlOf(options);
  let fullKeys: string[];
  let raws: (string | null)[];
  try {
    fullKeys = await versionedKeys(keys, options.scopes);
    raws = await cacheStore().mget(fullKeys);
  } catch {
    noteCacheFailure("mget");
    metrics().cacheRequests.inc({ result: "error" }, keys.length);
    const values = await loadMany([...keys]);
    return keys.map((key) => {
      const entry = entryOf(values.get(key), ttl);
      return entry.body === null ? null : { body: entry.body, etag: entry.etag, cache: "MISS" };
    });
  }
  const answers: (CacheableBody | null)[] = new Array(keys.length).fill(null);
  const waiting: Array<{ index: number; entry: Promise<Entry> }> = [];
  const missing: number[] = [];
  const stale: number[] = [];
  const now = Date.now();
  raws.forEach((raw, i) => {
    const entry = raw === null ? null : decode(raw);
    if (entry && now < entry.freshUntil) answers[i] = answer(entry, "HIT");
    else if (entry && entry.body !== null) {
      answers[i] = answer(entry, "STALE");
      if (!inflight.has(fullKeys[i]!)) stale.push(i);
    } else {
      const running = inflight.get(fullKeys[i]!);
      if (running) waiting.push({ index: i, entry: running });
      else missing.push(i);
    }
  });
  if (stale.length > 0) {
    const refreshed = computeMany(stale.map((i) => keys[i]!), stale.map((i) => fullKeys[i]!), loadMany, ttl);
    void Promise.all(refreshed).catch((error) => logger().warn({ err: error, keys: stale.length }, "background batch refresh failed"));
  }
  if (missing.length > 0) {
    const loaded = computeMany(missing.map((i) => keys[i]!), missing.map((i) => fullKeys[i]!), loadMany, ttl);
    missing.forEach((index, j) => waiting.push({ index, entry: loaded[j]! }));
  }
  const settled = await Promise.all(waiting.map((w) => w.entry));
  waiting.forEach((w, j) => (answers[w.index] = answer(settled[j]!, "MISS")));
  return answers;
}
