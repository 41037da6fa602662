// The one seam between the cache layer and its backends. Kept to the handful of operations the
// read path needs so every adapter can honour the same contract (store.contract.test.ts).
export type CacheStoreKind = "memory" | "redis" | "upstash";

/**
 * A string-to-string store. Values are opaque: adapters never parse or re-encode them.
 * Every method rejects (rather than hangs) when the backend is unreachable, so callers can
 * fall through to the database.
 */
export interface CacheStore {
  readonly kind: CacheStoreKind;
  get(key: string): Promise<string | null>;
  /** One round trip for many keys; result aligned with keys. */
  mget(keys: string[]): Promise<(string | null)[]>;
  /**
   * Stores with a TTL (ttlMs > 0; fractions round up). With onlyIfAbsent, returns false (and stores
   * nothing) if the key exists — used as a short lock.
   */
  set(key: string, value: string, opts: { ttlMs: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  /** Stores many entries, each with its own TTL, in one round trip (a batch read's misses). */
  setMany(entries: ReadonlyArray<{ key: string; value: string; ttlMs: number }>): Promise<void>;
  del(keys: string[]): Promise<void>;
  /** Atomic increment (creates at 0 → 1); used for data versions. */
  incr(key: string): Promise<number>;
  /** Throws when the backend is unreachable. */
  ping(): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls onMessage for every message on channel (also ones published by this process). Returns an unsubscribe.
   * Delivery is best effort (messages sent while disconnected are lost); onMessage must not throw.
   */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
