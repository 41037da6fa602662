import "server-only";
import { config } from "@/lib/config/env";
import { cacheStore, ensureInvalidationSubscription, invalidationChannel, noteCacheFailure, onInvalidation } from "./runtime";

// Every cached key carries the versions of the scopes it depends on ("data" for the global mart,
// "ws:<id>" for a workspace's own objects). Bumping a version makes every older key unreachable,
// so a new ETL day never serves yesterday's mart. Versions are memoised briefly in process; an
// invalidation message from any instance drops the memo at once.
const MEMO_MS = 1000;
const memo = new Map<string, { version: string; until: number }>();
let listening = false;

function versionKey(scope: string): string {
  return `${config().cacheNamespace}:version:${scope}`;
}

/** Current versions of the scopes, aligned with them. Throws when the backend is unreachable. */
export async function currentVersions(scopes: readonly string[]): Promise<string[]> {
  if (!listening) {
    listening = true;
    onInvalidation((scope) => memo.delete(scope));
  } else {
    ensureInvalidationSubscription();
  }
  const now = Date.now();
  const missing = scopes.filter((s) => (memo.get(s)?.until ?? 0) <= now);
  if (missing.length > 0) {
    const values = await cacheStore().mget(missing.map(versionKey));
    missing.forEach((scope, i) => memo.set(scope, { version: values[i] ?? "0", until: now + MEMO_MS }));
  }
  return scopes.map((s) => memo.get(s)!.version);
}

/** Makes every cached answer of the scope stale-proof: the next read computes afresh. */
export async function bumpVersion(scope: string): Promise<void> {
  memo.delete(scope);
  try {
    const store = cacheStore();
    await store.incr(versionKey(scope));
    await store.publish(invalidationChannel(), scope);
  } catch {
    noteCacheFailure("bump_version");
  }
}
