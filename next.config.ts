import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaderRules } from "./lib/http/security-headers";

const nextConfig = (phase: string): NextConfig => ({
  // PGlite loads its wasm and data files relative to its own module; bundling breaks the path.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg", "ioredis", "prom-client"],
  poweredByHeader: false,
  // The migrations folder ships with the server and is resolved from process.cwd() at start.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
  // CSP, nosniff, Referrer-Policy, framing, Permissions-Policy, and HSTS behind https.
  headers: async () => securityHeaderRules({ development: phase === PHASE_DEVELOPMENT_SERVER }),
});

export default nextConfig;
