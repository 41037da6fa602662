import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its wasm and data files relative to its own module; bundling breaks the path.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "pg", "ioredis", "prom-client"],
  poweredByHeader: false,
  // The migrations folder ships with the server and is resolved from process.cwd() at start.
  outputFileTracingIncludes: { "/*": ["./db/migrations/**/*"] },
};

export default nextConfig;
