// Runs before every test file. Files of one worker share module state (isolate: false), so the
// database and cache below are created once per worker.
import { randomBytes } from "node:crypto";

process.env.LOG_LEVEL ??= "silent";
// Workers share one Redis in CI: a namespace per worker keeps their keys and channels apart.
process.env.CACHE_NAMESPACE ??= `test-${process.pid}-${randomBytes(3).toString("hex")}`;
