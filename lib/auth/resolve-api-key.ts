import "server-only";
import { LRUCache } from "lru-cache";
import { getDb } from "@/db/client";
import { findApiKeyByHash, touchApiKey } from "@/db/queries/api-keys";
import { hashApiKey, hashesEqual } from "./api-key-secret";
import type { Principal } from "./roles";

// A key lookup per request would put a database round trip on every cached read; principals are
// held briefly in process, and deleting a key evicts it here (and, across instances, by message).
const PRINCIPAL_TTL_MS = 30_000;
const TOUCH_INTERVAL_MS = 60_000;

interface CachedPrincipal {
  principal: Principal | null;
}

const GLOBAL_KEY = Symbol.for("shelfwatch.api-key-cache");
type GlobalWithKeys = typeof globalThis & { [GLOBAL_KEY]?: { principals: LRUCache<string, CachedPrincipal>; touched: Map<string, number> } };

function state() {
  const g = globalThis as GlobalWithKeys;
  g[GLOBAL_KEY] ??= { principals: new LRUCache({ max: 10_000, ttl: PRINCIPAL_TTL_MS }), touched: new Map() };
  return g[GLOBAL_KEY];
}

/** The principal an API key stands for, or null for an unknown or deleted key. */
export async function resolveApiKey(key: string): Promise<Principal | null> {
  const keyHash = hashApiKey(key);
  const { principals, touched } = state();
  const cached = principals.get(keyHash);
  if (cached) return cached.principal;

  const db = await getDb();
  const record = await findApiKeyByHash(db, keyHash);
  const principal =
    record && hashesEqual(record.keyHash, keyHash)
      ? { workspaceId: record.workspaceId, role: record.role, apiKeyId: record.id }
      : null;
  principals.set(keyHash, { principal });

  if (principal?.apiKeyId && Date.now() - (touched.get(principal.apiKeyId) ?? 0) > TOUCH_INTERVAL_MS) {
    touched.set(principal.apiKeyId, Date.now());
    void touchApiKey(db, principal.apiKeyId).catch(() => {});
  }
  return principal;
}

/** Drops every cached principal (a key was deleted or its role changed). */
export function forgetApiKeys(): void {
  state().principals.clear();
}
