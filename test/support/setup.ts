// Runs before every test file. Files of one worker share module state (isolate: false), so the
// database and cache below are created once per worker.
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";

process.env.LOG_LEVEL ??= "silent";
// Workers share one Redis in CI: a namespace per worker keeps their keys and channels apart.
process.env.CACHE_NAMESPACE ??= `test-${process.pid}-${randomBytes(3).toString("hex")}`;

// A file that simulates a cache outage leaves health "degraded" for 30 s; the next file of this
// worker starts from a healthy cache, as it would in a fresh process.
afterAll(async () => {
  const { forgetCacheFailures } = await import("@/lib/cache/runtime");
  forgetCacheFailures();
});
