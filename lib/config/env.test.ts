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

  it("reads GRAPHQL_TRUSTED_DOCUMENTS_ONLY (off by default)", () => {
    expect(parseConfig({}).graphql.trustedDocumentsOnly).toBe(false);
    expect(parseConfig({ GRAPHQL_TRUSTED_DOCUMENTS_ONLY: "true" }).graphql.trustedDocumentsOnly).toBe(true);
    expect(configError({ GRAPHQL_TRUSTED_DOCUMENTS_ONLY: "yes" }).message).toContain("GRAPHQL_TRUSTED_DOCUMENTS_ONLY");
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

describe("parseConfig report writer", () => {
  it("uses the template writer without OPENAI_API_KEY", () => {
    expect(parseConfig({}).llm).toEqual({ kind: "template" });
    expect(parseConfig({ OPENAI_API_KEY: "", REPORT_MODEL: "x" }).llm).toEqual({ kind: "template" });
  });

  it("uses an OpenAI-compatible model with the key, base URL, model and prices", () => {
    expect(parseConfig({ OPENAI_API_KEY: "sk-test" }).llm).toEqual({
      kind: "openai", apiKey: "sk-test", baseUrl: undefined, model: "gpt-4o-mini", inputUsdPerMTok: 0.15, outputUsdPerMTok: 0.6,
    });
    const cfg = parseConfig({
      OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", REPORT_MODEL: "llama3.1",
      REPORT_INPUT_USD_PER_MTOK: "0", REPORT_OUTPUT_USD_PER_MTOK: "2.5",
    });
    expect(cfg.llm).toMatchObject({ baseUrl: "http://127.0.0.1:11434/v1", model: "llama3.1", inputUsdPerMTok: 0, outputUsdPerMTok: 2.5 });
  });

  it("refuses a negative price and a base URL that is not a URL", () => {
    expect(configError({ REPORT_OUTPUT_USD_PER_MTOK: "-1" }).message).toContain("REPORT_OUTPUT_USD_PER_MTOK");
    expect(configError({ OPENAI_BASE_URL: "localhost" }).message).toContain("OPENAI_BASE_URL");
  });
});

describe("parseConfig notifications", () => {
  it("keeps email in the outbox without SMTP_URL and refuses private webhook targets by default", () => {
    expect(parseConfig({}).notifications).toEqual({
      smtpUrl: undefined, emailFrom: "Shelfwatch <alerts@shelfwatch.local>", allowPrivateTargets: false, appUrl: "http://localhost:3000",
    });
  });

  it("reads SMTP_URL, EMAIL_FROM, WEBHOOK_ALLOW_PRIVATE_TARGETS and links to APP_URL", () => {
    const cfg = parseConfig({ SMTP_URL: "smtp://mail.internal:2525", EMAIL_FROM: "Ops <ops@example.com>", WEBHOOK_ALLOW_PRIVATE_TARGETS: "true", APP_URL: "https://app.example.com/" });
    expect(cfg.notifications).toEqual({ smtpUrl: "smtp://mail.internal:2525", emailFrom: "Ops <ops@example.com>", allowPrivateTargets: true, appUrl: "https://app.example.com" });
  });

  it("refuses an SMTP_URL that is not a URL and a WEBHOOK_ALLOW_PRIVATE_TARGETS that is not a flag", () => {
    expect(configError({ SMTP_URL: "mail server" }).message).toContain("SMTP_URL");
    expect(configError({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "sometimes" }).message).toContain("WEBHOOK_ALLOW_PRIVATE_TARGETS");
  });
});

describe("parseConfig rate limits", () => {
  it("has generous defaults: reads 20000/min (the benchmark drives one key), writes 600/min, sign-in 50 per IP and 20 per email in 15 min", () => {
    expect(parseConfig({}).rateLimits).toEqual({
      apiRead: { limit: 20_000, windowMs: 60_000 },
      apiWrite: { limit: 600, windowMs: 60_000 },
      reports: { limit: 30, windowMs: 3_600_000 },
      graphql: { limit: 6_000, windowMs: 60_000 },
      signInIp: { limit: 50, windowMs: 900_000 },
      signInEmail: { limit: 20, windowMs: 900_000 },
    });
  });

  it('reads "<requests>/<window>" in ms, s, m or h, and "off"', () => {
    const cfg = parseConfig({ RATE_LIMIT_API_READ: "100/500ms", RATE_LIMIT_API_WRITE: "5/30s", RATE_LIMIT_REPORTS: "2/2h", RATE_LIMIT_GRAPHQL: "OFF", RATE_LIMIT_SIGN_IN_IP: "" });
    expect(cfg.rateLimits.apiRead).toEqual({ limit: 100, windowMs: 500 });
    expect(cfg.rateLimits.apiWrite).toEqual({ limit: 5, windowMs: 30_000 });
    expect(cfg.rateLimits.reports).toEqual({ limit: 2, windowMs: 7_200_000 });
    expect(cfg.rateLimits.graphql).toBeNull();
    expect(cfg.rateLimits.signInIp).toEqual({ limit: 50, windowMs: 900_000 });
  });

  it("refuses a malformed limit, naming the variable", () => {
    for (const bad of ["100", "0/1m", "10/0s", "ten/1m", "10/1d", "-5/1m"]) {
      expect(configError({ RATE_LIMIT_API_WRITE: bad }).message).toContain("RATE_LIMIT_API_WRITE");
    }
  });
});
