import { EventEmitter } from "node:events";
import { LRUCache } from "lru-cache";
import type { CacheStore } from "./store";

// Bounds memory when no shared backend is configured (dev, tests, single-instance deploys).
const DEFAULT_MAX_ENTRIES = 10_000;

export function createMemoryStore(opts: { maxEntries?: number } = {}): CacheStore {
  const entries = new LRUCache<string, string>({ max: opts.maxEntries ?? DEFAULT_MAX_ENTRIES });
  // Versions live outside the LRU: evicting one would reset it to 0 and resurrect answers cached
  // under an older version.
  const counters = new Map<string, number>();
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  // Prefixed so a channel named "error" or "newListener" is not one of EventEmitter's special events.
  const event = (channel: string) => `channel:${channel}`;

  // Counters read back as decimal strings, as INCR'd keys do in Redis.
  const read = (key: string): string | null => {
    const counter = counters.get(key);
    return counter === undefined ? (entries.get(key) ?? null) : String(counter);
  };

  return {
    kind: "memory",
    async get(key) {
      return read(key);
    },
    async mget(keys) {
      return keys.map(read);
    },
    async set(key, value, { ttlMs, onlyIfAbsent }) {
      if (onlyIfAbsent && (counters.has(key) || entries.has(key))) return false;
      counters.delete(key);
      entries.set(key, value, { ttl: Math.ceil(ttlMs) });
      return true;
    },
    async setMany(items) {
      for (const { key, value, ttlMs } of items) {
        counters.delete(key);
        entries.set(key, value, { ttl: Math.ceil(ttlMs) });
      }
    },
    async del(keys) {
      for (const key of keys) {
        entries.delete(key);
        counters.delete(key);
      }
    },
    async incr(key) {
      let current = counters.get(key);
      if (current === undefined) {
        // Like Redis, INCR continues from an integer stored with set() and refuses anything else.
        const stored = entries.get(key);
        if (stored !== undefined && !/^-?\d+$/.test(stored)) {
          throw new Error("ERR value is not an integer or out of range");
        }
        current = stored === undefined ? 0 : Number(stored);
        entries.delete(key);
      }
      counters.set(key, current + 1);
      return current + 1;
    },
    async ping() {},
    async publish(channel, message) {
      // Deliver after publish returns, as a network backend would: handlers never run inside the
      // publisher's call stack.
      queueMicrotask(() => bus.emit(event(channel), message));
    },
    async subscribe(channel, onMessage) {
      // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
      const listener = (message: string) => onMessage(message);
      bus.on(event(channel), listener);
      return async () => {
        bus.off(event(channel), listener);
      };
    },
    async close() {
      entries.clear();
      counters.clear();
      bus.removeAllListeners();
    },
  };
}
