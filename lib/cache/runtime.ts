import "server-only";
import { config } from "@/lib/config/env";
import { metrics } from "@/lib/observability/metrics";
import { createCacheStore } from "./create-store";
import type { CacheStore } from "./store";

const DEGRADED_WINDOW_MS = 30_000;

interface CacheRuntime {
  store: CacheStore;
  lastFailureAt: number;
  invalidationListeners: Set<(scope: string) => void>;
  subscribed: Promise<void> | null;
}

const GLOBAL_KEY = Symbol.for("shelfwatch.cache");
type GlobalWithCache = typeof globalThis & { [GLOBAL_KEY]?: CacheRuntime };

function runtime(): CacheRuntime {
  const g = globalThis as GlobalWithCache;
  if (!g[GLOBAL_KEY]) {
    const cfg = config().cache;
    const store = createCacheStore(
      cfg.kind === "upstash" ? { upstashUrl: cfg.url, upstashToken: cfg.token } : cfg.kind === "redis" ? { redisUrl: cfg.url } : {},
    );
    g[GLOBAL_KEY] = { store, lastFailureAt: 0, invalidationListeners: new Set(), subscribed: null };
  }
  return g[GLOBAL_KEY];
}

/** Channel on which every instance hears which version scope was bumped. */
export function invalidationChannel(): string {
  return `${config().cacheNamespace}:invalidate`;
}

/** The process-wide cache backend chosen by the environment. */
export function cacheStore(): CacheStore {
  return runtime().store;
}

/** Swaps the backend (tests). Invalidation listeners stay registered and resubscribe on next use. */
export function setCacheStore(store: CacheStore): void {
  const g = globalThis as GlobalWithCache;
  g[GLOBAL_KEY] = { store, lastFailureAt: 0, invalidationListeners: g[GLOBAL_KEY]?.invalidationListeners ?? new Set(), subscribed: null };
}

/** Records a failed backend call: reads fall through to the database and health says degraded. */
export function noteCacheFailure(operation: string): void {
  runtime().lastFailureAt = Date.now();
  metrics().cacheBackendErrors.inc({ operation });
}

/** Forgets earlier backend errors, as if the degraded window had passed (tests that simulate outages). */
export function forgetCacheFailures(): void {
  runtime().lastFailureAt = 0;
}

export function cacheRecentlyFailed(): boolean {
  return Date.now() - runtime().lastFailureAt < DEGRADED_WINDOW_MS;
}

/** Calls listener with the scope of every invalidation published by any instance. */
export function onInvalidation(listener: (scope: string) => void): void {
  runtime().invalidationListeners.add(listener);
  ensureInvalidationSubscription();
}

/**
 * Subscribes this process to invalidation messages once; a subscription that failed (backend down
 * at boot) is retried by the next call, which readers make on every version lookup.
 */
export function ensureInvalidationSubscription(): void {
  const rt = runtime();
  rt.subscribed ??= rt.store
    .subscribe(invalidationChannel(), (scope) => {
      for (const l of rt.invalidationListeners) l(scope);
    })
    .then(() => undefined)
    .catch(() => {
      rt.subscribed = null;
      noteCacheFailure("subscribe");
    });
}
