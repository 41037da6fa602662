import "server-only";
import { LRUCache } from "lru-cache";
import { config } from "@/lib/config/env";
import { cacheStore, noteCacheFailure } from "@/lib/cache/runtime";

// Registered documents live in the shared cache so every instance sees a registration at once; a
// document is immutable under its hash, so each instance also keeps the ones it has seen in memory.
const TTL_MS = 30 * 24 * 3600 * 1000;
const LOCAL_DOCUMENTS = 2000;

export interface ApqStore {
  get(hash: string): Promise<string | null>;
  /** Stores a document whose hash the caller has verified. */
  set(hash: string, document: string): Promise<void>;
}

/** The APQ store of one server instance: a small in-process LRU in front of the shared cache. */
export function createApqStore(): ApqStore {
  const local = new LRUCache<string, string>({ max: LOCAL_DOCUMENTS });
  const keyOf = (hash: string) => `${config().cacheNamespace}:apq:${hash}`;
  return {
    async get(hash) {
      const seen = local.get(hash);
      if (seen !== undefined) return seen;
      let document: string | null;
      try {
        document = await cacheStore().get(keyOf(hash));
      } catch {
        // The backend is down: answer "not found" and the client sends the document again.
        noteCacheFailure("apq_get");
        return null;
      }
      if (document !== null) local.set(hash, document);
      return document;
    },
    async set(hash, document) {
      local.set(hash, document);
      await cacheStore()
        .set(keyOf(hash), document, { ttlMs: TTL_MS })
        .catch(() => noteCacheFailure("apq_set"));
    },
  };
}
