import path from "node:path";
import { z } from "zod";

// The only module that reads process.env. Each variable is optional: unset means the embedded
// default (ARCHITECTURE.md, "Environment"). Empty strings count as unset so `FOO=` in a shell
// never turns into a half-configured adapter.
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const flag = z.preprocess(
  (v) => (v === "" || v === undefined ? "false" : String(v).toLowerCase()),
  z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1"),
);
const positiveNumber = (fallback: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? fallback : Number(v)), z.number().positive());
const WINDOW_UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const rateLimit = (fallback: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? fallback : String(v).trim().toLowerCase()),
    z.union([
      z.literal("off").transform(() => null),
      z
        .string()
        .regex(/^[1-9]\d{0,8}\/[1-9]\d{0,6}(ms|s|m|h)$/, 'expected "<requests>/<window>" such as "600/1m", or "off"')
        .transform((v) => {
          const [, limit, amount, unit] = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(v)!;
          return { limit: Number(limit), windowMs: Number(amount) * WINDOW_UNIT_MS[unit as keyof typeof WINDOW_UNIT_MS] };
        }),
    ]),
  );

const envSchema = z.object({
  NODE_ENV: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["development", "production", "test"]).default("development")),
  PORT: z.preprocess((v) => (v === "" || v === undefined ? 3000 : Number(v)), z.number().int().min(1).max(65535)),
  DATA_DIR: optionalString,
  DATABASE_URL: optionalUrl,
  POSTGRES_URL: optionalUrl,
  DATABASE_POOL_SIZE: positiveNumber(10),
  REDIS_URL: optionalUrl,
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  QSTASH_TOKEN: optionalString,
  QSTASH_CURRENT_SIGNING_KEY: optionalString,
  QSTASH_NEXT_SIGNING_KEY: optionalString,
  QSTASH_URL: optionalUrl,
  APP_URL: optionalUrl,
  CRON_SECRET: optionalString,
  APIFY_TOKEN: optionalString,
  APIFY_BASE_URL: optionalUrl,
  APIFY_ACTOR: optionalString,
  // JSON actor input; the strings "{{productUrls}}" and "{{asins}}" are replaced by the chunk's
  // product URLs ([{ url }]) and ASINs.
  APIFY_INPUT_TEMPLATE: optionalString,
  APIFY_ESTIMATED_USD_PER_ITEM: positiveNumber(0.005),
  ETL_CHUNK_SIZE: z.preprocess((v) => (v === "" || v === undefined ? 100 : Number(v)), z.number().int().min(1).max(1000)),
  // The embedded in-process daily schedule (off for benchmarks that must not see a run start).
  ETL_DAILY_TIMER: z.preprocess((v) => (v === "" || v === undefined ? "true" : String(v).toLowerCase()), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")),
  ETL_CONCURRENCY: z.preprocess((v) => (v === "" || v === undefined ? 2 : Number(v)), z.number().int().min(1).max(32)),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  REPORT_MODEL: optionalString,
  // Price of the report model in USD per million tokens: usage_costs and the DAILY_LLM_BUDGET_USD check.
  REPORT_INPUT_USD_PER_MTOK: z.preprocess((v) => (v === "" || v === undefined ? 0.15 : Number(v)), z.number().min(0)),
  REPORT_OUTPUT_USD_PER_MTOK: z.preprocess((v) => (v === "" || v === undefined ? 0.6 : Number(v)), z.number().min(0)),
  SMTP_URL: optionalUrl,
  EMAIL_FROM: optionalString,
  WEBHOOK_ALLOW_PRIVATE_TARGETS: flag,
  AUTH_SECRET: optionalString,
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalUrl,
  ADMIN_EMAIL: z.preprocess((v) => (v === "" ? undefined : v), z.email().optional()),
  ADMIN_PASSWORD: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(8).optional()),
  BOOTSTRAP_ADMIN_API_KEY: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(20).optional()),
  PUBLIC_PRODUCT_READS: flag,
  // true: /api/graphql runs only the build-time manifest of the dashboard's operations (no APQ registration).
  GRAPHQL_TRUSTED_DOCUMENTS_ONLY: flag,
  DAILY_APIFY_BUDGET_USD: positiveNumber(25),
  DAILY_LLM_BUDGET_USD: positiveNumber(5),
  LOG_LEVEL: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  // Freshness of cached reads: fresh for CACHE_FRESH_SECONDS, then served stale (and refreshed in
  // the background) for CACHE_STALE_SECONDS. Data versions make a new ETL day visible at once.
  CACHE_FRESH_SECONDS: positiveNumber(60),
  CACHE_STALE_SECONDS: positiveNumber(36 * 3600),
  // Prefix of every cache key and channel, so environments can share one Redis.
  CACHE_NAMESPACE: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/).default("sw")),
  // Exposes GET /api/bench/floor (the framework floor the benchmark compares against).
  BENCH_ROUTES: flag,
  // Rate-limit policies (lib/rate-limit/policies.ts) as "<requests>/<window>" (window: ms, s, m, h)
  // or "off". Reads are generous by default: the benchmark drives one key at 50 connections.
  RATE_LIMIT_API_READ: rateLimit("20000/1m"),
  RATE_LIMIT_API_WRITE: rateLimit("600/1m"),
  RATE_LIMIT_REPORTS: rateLimit("30/1h"),
  RATE_LIMIT_GRAPHQL: rateLimit("6000/1m"),
  RATE_LIMIT_SIGN_IN_IP: rateLimit("50/15m"),
  RATE_LIMIT_SIGN_IN_EMAIL: rateLimit("20/15m"),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  isProduction: boolean;
  port: number;
  dataDir: string;
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dir: string };
  cache:
    | { kind: "upstash"; url: string; token: string }
    | { kind: "redis"; url: string }
    | { kind: "memory" };
  cacheNamespace: string;
  cacheFreshMs: number;
  cacheStaleMs: number;
  logLevel: Env["LOG_LEVEL"];
  bootstrap: { adminEmail?: string; adminPassword?: string; adminApiKey?: string };
  publicProductReads: boolean;
  graphql: { trustedDocumentsOnly: boolean };
  benchRoutes: boolean;
  source:
    | { kind: "apify"; token: string; baseUrl?: string; actor: string; inputTemplate?: string; usdPerItemEstimate: number }
    | { kind: "demo" };
  queue:
    | { kind: "qstash"; token: string; baseUrl?: string; currentSigningKey: string; nextSigningKey: string; appUrl: string }
    | { kind: "local" };
  etl: { chunkSize: number; concurrency: number; dailyTimer: boolean };
  budgets: { apifyDailyUsd: number; llmDailyUsd: number };
  /** Webhooks and email: SMTP (else the outbox table), sender, private targets, dashboard links. */
  notifications: { smtpUrl?: string; emailFrom: string; allowPrivateTargets: boolean; appUrl: string };
  /** Report writer: an OpenAI-compatible model, or the template writer from the same facts. */
  llm:
    | { kind: "openai"; apiKey: string; baseUrl?: string; model: string; inputUsdPerMTok: number; outputUsdPerMTok: number }
    | { kind: "template" };
  cronSecret?: string;
  /** Per-policy limits; null turns a policy off. */
  rateLimits: Record<RateLimitSetting, { limit: number; windowMs: number } | null>;
}

export type RateLimitSetting = "apiRead" | "apiWrite" | "reports" | "graphql" | "signInIp" | "signInEmail";

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
    throw new ConfigError("Invalid environment:\n  UPSTASH_REDIS_REST_TOKEN: required with UPSTASH_REDIS_REST_URL");
  }
  // The data directory is chosen at run time; tell the bundler not to trace it.
  if (env.QSTASH_TOKEN && !(env.QSTASH_CURRENT_SIGNING_KEY && env.QSTASH_NEXT_SIGNING_KEY && env.APP_URL)) {
    throw new ConfigError(
      "Invalid environment:\n  QSTASH_TOKEN: needs QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY and APP_URL (deliveries go to APP_URL/api/jobs/*)",
    );
  }
  if (env.APIFY_INPUT_TEMPLATE) {
    try {
      JSON.parse(env.APIFY_INPUT_TEMPLATE);
    } catch {
      throw new ConfigError("Invalid environment:\n  APIFY_INPUT_TEMPLATE: not valid JSON");
    }
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? ".data");
  const databaseUrl = env.DATABASE_URL ?? env.POSTGRES_URL;
  return {
    env,
    isProduction: env.NODE_ENV === "production",
    port: env.PORT,
    dataDir,
    database: databaseUrl
      ? { kind: "postgres", url: databaseUrl, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    cache: env.UPSTASH_REDIS_REST_URL
      ? { kind: "upstash", url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN! }
      : env.REDIS_URL
        ? { kind: "redis", url: env.REDIS_URL }
        : { kind: "memory" },
    cacheNamespace: env.CACHE_NAMESPACE,
    cacheFreshMs: env.CACHE_FRESH_SECONDS * 1000,
    cacheStaleMs: env.CACHE_STALE_SECONDS * 1000,
    logLevel: env.LOG_LEVEL,
    bootstrap: {
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
      adminApiKey: env.BOOTSTRAP_ADMIN_API_KEY,
    },
    publicProductReads: env.PUBLIC_PRODUCT_READS,
    graphql: { trustedDocumentsOnly: env.GRAPHQL_TRUSTED_DOCUMENTS_ONLY },
    benchRoutes: env.BENCH_ROUTES,
    source: env.APIFY_TOKEN
      ? {
          kind: "apify",
          token: env.APIFY_TOKEN,
          baseUrl: env.APIFY_BASE_URL,
          actor: env.APIFY_ACTOR ?? "junglee/amazon-crawler",
          inputTemplate: env.APIFY_INPUT_TEMPLATE,
          usdPerItemEstimate: env.APIFY_ESTIMATED_USD_PER_ITEM,
        }
      : { kind: "demo" },
    queue: env.QSTASH_TOKEN
      ? {
          kind: "qstash",
          token: env.QSTASH_TOKEN,
          baseUrl: env.QSTASH_URL,
          currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY!,
          nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY!,
          appUrl: env.APP_URL!.replace(/\/$/, ""),
        }
      : { kind: "local" },
    etl: { chunkSize: env.ETL_CHUNK_SIZE, concurrency: env.ETL_CONCURRENCY, dailyTimer: env.ETL_DAILY_TIMER },
    budgets: { apifyDailyUsd: env.DAILY_APIFY_BUDGET_USD, llmDailyUsd: env.DAILY_LLM_BUDGET_USD },
    notifications: {
      smtpUrl: env.SMTP_URL,
      emailFrom: env.EMAIL_FROM ?? "Shelfwatch <alerts@shelfwatch.local>",
      allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      // Links in digests point at the dashboard: APP_URL, else NEXTAUTH_URL, else this server.
      appUrl: (env.APP_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    },
    llm: env.OPENAI_API_KEY
      ? {
          kind: "openai",
          apiKey: env.OPENAI_API_KEY,
          baseUrl: env.OPENAI_BASE_URL,
          model: env.REPORT_MODEL ?? "gpt-4o-mini",
          inputUsdPerMTok: env.REPORT_INPUT_USD_PER_MTOK,
          outputUsdPerMTok: env.REPORT_OUTPUT_USD_PER_MTOK,
        }
      : { kind: "template" },
    cronSecret: env.CRON_SECRET,
    rateLimits: {
      apiRead: env.RATE_LIMIT_API_READ,
      apiWrite: env.RATE_LIMIT_API_WRITE,
      reports: env.RATE_LIMIT_REPORTS,
      graphql: env.RATE_LIMIT_GRAPHQL,
      signInIp: env.RATE_LIMIT_SIGN_IN_IP,
      signInEmail: env.RATE_LIMIT_SIGN_IN_EMAIL,
    },
  };
}

let current: Config | undefined;

/** The process's configuration, parsed once on first use. */
export function config(): Config {
  current ??= parseConfig(process.env);
  return current;
}
