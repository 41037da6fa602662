import "server-only";
import { LRUCache } from "lru-cache";
import { getDb } from "@/db/client";
import { findApiKeyByHash, touchApiKey } from "@/db/queries/api-keys";
import { bumpVersion, currentVersions } from "@/lib/cache/data-version";
import { hashApiKey, hashesEqual } from "./api-key-secret";
import type { Principal } from "./roles";

// A key lookup per request would put a database round trip on every cached read, so principals are
// held briefly in process. Each entry remembers the version of the "auth:api-keys" scope it was
// read under; deleting a key bumps that version, and every instance drops its memo of it on the
// invalidation message (within the version memo's second on Upstash, which has no subscriber) —
// so a deleted key is refused from the next request on.
const PRINCIPAL_TTL_MS = 30_000;
const TOUCH_INTERVAL_MS = 60_000;
const KEYS_SCOPE = "auth:api-keys";

interface CachedPrincipal {
  principal: Principal | null;
  version: string;
}

const GLOBAL_KEY = Symbol.for("shelfwatch.api-key-cache");
type GlobalWithKeys = typeof globalThis & { [GLOBAL_KEY]?: { principals: LRUCache<string, CachedPrincipal>; touched: Map<string, number> } };

function state() {
  const g = globalThis as GlobalWithKeys;
  g[GLOBAL_KEY] ??= { principals: new LRUCache({ max: 10_000, ttl: PRINCIPAL_TTL_MS }), touched: new Map() };
  return g[GLOBAL_KEY];
}

async function keysVersion(): Promise<string | null> {
  try {
    const [version] = await currentVersions([KEYS_SCOPE]);
    return version ?? null;
  } catch {
    // Cache backend down: without a version nothing cached can be trusted, so ask the database.
    return null;
  }
}

/** The principal an API key stands for, or null for an unknown or deleted key. */
export async function resolveApiKey(key: string): Promise<Principal | null> {
  const keyHash = hashApiKey(key);
  const { principals, touched } = state();
  const version = await keysVersion();
  const cached = principals.get(keyHash);
  if (cached && version !== null && cached.version === version) return cached.principal;

  const db = await getDb();
  const record = await findApiKeyByHash(db, keyHash);
  // The lookup is by hash already; comparing the stored hash in constant time keeps a timing
  // difference of the index lookup from ever being the only check.
  const principal =
    record && hashesEqual(record.keyHash, keyHash)
      ? { workspaceId: record.workspaceId, role: record.role, apiKeyId: record.id }
      : null;
  if (version !== null) principals.set(keyHash, { principal, version });

  if (principal?.apiKeyId && Date.now() - (touched.get(principal.apiKeyId) ?? 0) > TOUCH_INTERVAL_MS) {
    touched.set(principal.apiKeyId, Date.now());
    void touchApiKey(db, principal.apiKeyId).catch(() => {});
  }
  return principal;
}

/** A key was deleted (or its role changed): forget every cached principal here and on every instance. */
export async function revokeCachedApiKeys(): Promise<void> {
  state().principals.clear();
  await bumpVersion(KEYS_SCOPE);
}
