import { Redis, type RedisOptions } from "ioredis";
import type { CacheStore } from "./store";

const CONNECT_TIMEOUT_MS = 1_000;
const COMMAND_TIMEOUT_MS = 500;
const MAX_RECONNECT_DELAY_MS = 2_000;

// A cache must never be the reason a request is slow: while Redis is down every command rejects at
// once (or after COMMAND_TIMEOUT_MS at worst) and the caller reads the database instead.
const OPTIONS: RedisOptions = {
  // Without this, commands wait in memory for a reconnect that may take seconds.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: CONNECT_TIMEOUT_MS,
  commandTimeout: COMMAND_TIMEOUT_MS,
  // Never gives up (the store heals by itself when Redis returns), but stops hammering a dead host.
  retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, MAX_RECONNECT_DELAY_MS),
};

type Handler = (message: string) => void;
interface Channel {
  handlers: Set<Handler>;
  subscribed: Promise<unknown>;
}

// Failures already reach callers as rejected commands; the listener only stops ioredis from printing
// every reconnect failure to stderr.
function quiet(connection: Redis): Redis {
  connection.on("error", () => {});
  return connection;
}

// With the offline queue off, commands sent during the initial handshake would be rejected, so a
// freshly booted process would miss the cache on its first requests. Waiting for the first attempt
// to settle (bounded, in case the handshake itself stalls) avoids that without queueing later.
function firstAttempt(connection: Redis): Promise<void> {
  const events = ["ready", "error", "end"] as const;
  return new Promise((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      for (const event of events) connection.off(event, settle);
      resolve();
    };
    const timer = setTimeout(settle, CONNECT_TIMEOUT_MS + COMMAND_TIMEOUT_MS);
    timer.unref();
    for (const event of events) connection.on(event, settle);
  });
}

async function shut(connection: Redis): Promise<void> {
  // QUIT is refused while disconnected (no offline queue); disconnect() also ends the reconnect loop.
  await connection.quit().catch(() => connection.disconnect());
}

export function createRedisStore(url: string): CacheStore {
  const client = quiet(new Redis(url, OPTIONS));
  const ready = firstAttempt(client);
  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    await ready;
    return command();
  };

  // A connection that has subscribed is reserved for pub/sub, so subscriptions get their own one,
  // opened on first use and shared by every channel and handler of this store.
  let subscriber: Promise<Redis> | null = null;
  const channels = new Map<string, Channel>();

  const subscriberConnection = (): Promise<Redis> => {
    subscriber ??= (async () => {
      const connection = quiet(client.duplicate({ lazyConnect: true }));
      connection.on("message", (channel: string, message: string) => {
        for (const handler of channels.get(channel)?.handlers ?? []) handler(message);
      });
      try {
        await connection.connect();
        return connection;
      } catch (error) {
        // Start from scratch next time instead of leaving a half-open connection retrying forever.
        connection.disconnect();
        subscriber = null;
        throw error;
      }
    })();
    return subscriber;
  };

  return {
    kind: "redis",
    get: (key) => run(() => client.get(key)),
    mget: async (keys) => (keys.length === 0 ? [] : run(() => client.mget(keys))),
    async set(key, value, { ttlMs, onlyIfAbsent }) {
      const ttl = Math.ceil(ttlMs);
      const reply = await run(() =>
        onlyIfAbsent ? client.set(key, value, "PX", ttl, "NX") : client.set(key, value, "PX", ttl),
      );
      return reply === "OK";
    },
    async setMany(entries) {
      if (entries.length === 0) return;
      const pipeline = client.pipeline();
      for (const { key, value, ttlMs } of entries) pipeline.set(key, value, "PX", Math.ceil(ttlMs));
      const replies = await run(() => pipeline.exec());
      // exec() resolves even when single commands fail; a failed SET must reach the caller.
      const failed = replies?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async del(keys) {
      if (keys.length > 0) await run(() => client.del(keys));
    },
    incr: (key) => run(() => client.incr(key)),
    async ping() {
      await run(() => client.ping());
    },
    async publish(channel, message) {
      await run(() => client.publish(channel, message));
    },
    async subscribe(channel, onMessage) {
      const connection = await subscriberConnection();
      let entry = channels.get(channel);
      if (!entry) {
        const created: Channel = { handlers: new Set(), subscribed: connection.subscribe(channel) };
        // A failed SUBSCRIBE must not stick: the next subscribe() for this channel sends it again.
        created.subscribed.catch(() => channels.get(channel) === created && channels.delete(channel));
        channels.set(channel, created);
        entry = created;
      }
      const channelEntry = entry;
      // Registered before SUBSCRIBE is confirmed, so a concurrent unsubscribe of another handler
      // cannot see an empty channel and unsubscribe it from under us.
      const handler: Handler = (message) => onMessage(message);
      channelEntry.handlers.add(handler);
      try {
        await channelEntry.subscribed;
      } catch (error) {
        channelEntry.handlers.delete(handler);
        throw error;
      }
      return async () => {
        if (!channelEntry.handlers.delete(handler) || channelEntry.handlers.size > 0) return;
        if (channels.get(channel) !== channelEntry) return;
        channels.delete(channel);
        await connection.unsubscribe(channel);
      };
    },
    async close() {
      channels.clear();
      const pending = subscriber;
      subscriber = null;
      await Promise.all([shut(client), pending?.then(shut, () => {})]);
    },
  };
}
