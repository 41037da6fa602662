import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/env";

// parseConfig is pure: every case passes its own environment, never process.env.
const UPSTASH = { UPSTASH_REDIS_REST_URL: "https://eu1-example.upstash.io", UPSTASH_REDIS_REST_TOKEN: "tok_123" };

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe("parseConfig defaults", () => {
  it("needs nothing: embedded PGlite under .data/pglite, memory cache, port 3000", () => {
    const cfg = parseConfig({});
    expect(cfg.database).toEqual({ kind: "pglite", dir: path.resolve(".data", "pglite") });
    expect(cfg.dataDir).toBe(path.resolve(".data"));
    expect(cfg.cache).toEqual({ kind: "memory" });
    expect(cfg.port).toBe(3000);
    expect(cfg.logLevel).toBe("info");
    expect(cfg.isProduction).toBe(false);
    expect(cfg.publicProductReads).toBe(false);
    expect(cfg.cacheNamespace).toBe("sw");
    expect(cfg.cacheFreshMs).toBe(60_000);
    expect(cfg.queue).toEqual({ kind: "local" });
    expect(cfg.source).toEqual({ kind: "demo" });
  });

  it("puts PGlite under DATA_DIR when set", () => {
    expect(parseConfig({ DATA_DIR: "/var/lib/shelfwatch" }).database).toEqual({ kind: "pglite", dir: "/var/lib/shelfwatch/pglite" });
  });

  it("reads PORT as an integer", () => {
    expect(parseConfig({ PORT: "8080" }).port).toBe(8080);
  });
});

describe("parseConfig database", () => {
  it("uses Postgres for DATABASE_URL", () => {
    const url = "postgres://app:secret@db.internal:5432/shelfwatch";
    expect(parseConfig({ DATABASE_URL: url }).database).toEqual({ kind: "postgres", url, poolSize: 10 });
  });

  it("uses Postgres for POSTGRES_URL alone (Vercel's name)", () => {
    const url = "postgresql://u:p@ep-example.neon.tech/db?sslmode=require";
    expect(parseConfig({ POSTGRES_URL: url }).database).toMatchObject({ kind: "postgres", url });
  });

  it("prefers DATABASE_URL over POSTGRES_URL", () => {
    const cfg = parseConfig({ DATABASE_URL: "postgres://a@one/db", POSTGRES_URL: "postgres://b@two/db" });
    expect(cfg.database).toMatchObject({ kind: "postgres", url: "postgres://a@one/db" });
  });

  it("reads DATABASE_POOL_SIZE and refuses a non-number", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://a@one/db", DATABASE_POOL_SIZE: "4" }).database).toMatchObject({ poolSize: 4 });
    expect(configError({ DATABASE_POOL_SIZE: "many" }).message).toContain("DATABASE_POOL_SIZE");
  });

  it("refuses a DATABASE_URL that is not a URL", () => {
    expect(configError({ DATABASE_URL: "not a url" }).message).toContain("DATABASE_URL");
  });
});

describe("parseConfig cache", () => {
  it("uses Redis for REDIS_URL", () => {
    expect(parseConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).cache).toEqual({ kind: "redis", url: "redis://127.0.0.1:6379" });
  });

  it("uses Upstash for a REST URL and token, over REDIS_URL", () => {
    const expected = { kind: "upstash", url: UPSTASH.UPSTASH_REDIS_REST_URL, token: "tok_123" };
    expect(parseConfig(UPSTASH).cache).toEqual(expected);
    expect(parseConfig({ ...UPSTASH, REDIS_URL: "redis://127.0.0.1:6379" }).cache).toEqual(expected);
  });

  it("refuses an Upstash URL without its token", () => {
    for (const token of [undefined, ""]) {
      const error = configError({ UPSTASH_REDIS_REST_URL: UPSTASH.UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN: token, REDIS_URL: "redis://x:6379" });
      expect(error.message).toContain("UPSTASH_REDIS_REST_TOKEN");
    }
  });

  it("reads cache freshness in seconds and refuses a bad namespace", () => {
    const cfg = parseConfig({ CACHE_FRESH_SECONDS: "5", CACHE_STALE_SECONDS: "120", CACHE_NAMESPACE: "prod-eu" });
    expect([cfg.cacheFreshMs, cfg.cacheStaleMs, cfg.cacheNamespace]).toEqual([5_000, 120_000, "prod-eu"]);
    expect(configError({ CACHE_NAMESPACE: "has spaces" }).message).toContain("CACHE_NAMESPACE");
    expect(configError({ CACHE_FRESH_SECONDS: "0" }).message).toContain("CACHE_FRESH_SECONDS");
  });
});

describe("parseConfig validation", () => {
  it.each([["abc"], ["0"], ["65536"], ["80.5"], ["-1"]])("refuses PORT=%s naming PORT", (port) => {
    const error = configError({ PORT: port });
    expect(error.message).toMatch(/^Invalid environment:/);
    expect(error.message).toMatch(/^\s+PORT: /m);
  });

  it("names every invalid variable at once", () => {
    const message = configError({ PORT: "abc", LOG_LEVEL: "loud", REDIS_URL: "nope" }).message;
    for (const name of ["PORT", "LOG_LEVEL", "REDIS_URL"]) expect(message).toMatch(new RegExp(`^\\s+${name}: `, "m"));
  });

  it("accepts each LOG_LEVEL and refuses any other", () => {
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const) {
      expect(parseConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
    for (const level of ["verbose", "INFO", "warning"]) expect(configError({ LOG_LEVEL: level }).message).toContain("LOG_LEVEL");
  });

  it("refuses QStash without its signing keys and APP_URL", () => {
    expect(configError({ QSTASH_TOKEN: "q" }).message).toContain("QSTASH_TOKEN");
    const cfg = parseConfig({ QSTASH_TOKEN: "q", QSTASH_CURRENT_SIGNING_KEY: "c", QSTASH_NEXT_SIGNING_KEY: "n", APP_URL: "https://app.example.com/" });
    expect(cfg.queue).toMatchObject({ kind: "qstash", appUrl: "https://app.example.com" });
  });
});

describe("parseConfig flags", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["false", false],
    ["0", false],
    ["", false],
    [undefined, false],
  ])("PUBLIC_PRODUCT_READS=%j → %s", (value, expected) => {
    expect(parseConfig({ PUBLIC_PRODUCT_READS: value }).publicProductReads).toBe(expected);
  });

  it("refuses a flag that is neither true nor false", () => {
    for (const value of ["yes", "on", "2"]) expect(configError({ PUBLIC_PRODUCT_READS: value }).message).toContain("PUBLIC_PRODUCT_READS");
  });
});

describe("parseConfig empty strings", () => {
  it("treats `FOO=` as unset for adapters: PGlite, memory cache, port 3000", () => {
    const cfg = parseConfig({
      DATABASE_URL: "",
      POSTGRES_URL: "",
      REDIS_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      QSTASH_TOKEN: "",
      APIFY_TOKEN: "",
      DATA_DIR: "",
      PORT: "",
      CACHE_NAMESPACE: "",
      CACHE_FRESH_SECONDS: "",
      ADMIN_EMAIL: "",
      BOOTSTRAP_ADMIN_API_KEY: "",
    });
    expect(cfg.database).toEqual({ kind: "pglite", dir: path.resolve(".data", "pglite") });
    expect(cfg.cache).toEqual({ kind: "memory" });
    expect(cfg.port).toBe(3000);
    expect(cfg.queue).toEqual({ kind: "local" });
    expect(cfg.source).toEqual({ kind: "demo" });
    expect(cfg.cacheNamespace).toBe("sw");
    expect(cfg.cacheFreshMs).toBe(60_000);
    expect(cfg.bootstrap).toEqual({ adminEmail: undefined, adminPassword: undefined, adminApiKey: undefined });
  });

  it("treats an empty REDIS_URL next to a real DATABASE_URL as unset", () => {
    const cfg = parseConfig({ DATABASE_URL: "postgres://a@one/db", REDIS_URL: "" });
    expect(cfg.database.kind).toBe("postgres");
    expect(cfg.cache).toEqual({ kind: "memory" });
  });

  it("treats LOG_LEVEL= and NODE_ENV= as unset", () => {
    const cfg = parseConfig({ LOG_LEVEL: "", NODE_ENV: "" });
    expect(cfg.logLevel).toBe("info");
    expect(cfg.isProduction).toBe(false);
  });
});
