import "server-only";
import pino from "pino";
import { config } from "@/lib/config/env";

const GLOBAL_KEY = Symbol.for("shelfwatch.logger");
type GlobalWithLogger = typeof globalThis & { [GLOBAL_KEY]?: pino.Logger };

/** One JSON line per event on stdout. Secrets are redacted wherever they may appear. */
export function logger(): pino.Logger {
  const g = globalThis as GlobalWithLogger;
  g[GLOBAL_KEY] ??= pino({
    level: config().logLevel,
    base: { service: "shelfwatch" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", "key", "*.key", "password", "*.password", "secret", "*.secret", "token", "*.token"],
      censor: "[redacted]",
    },
  });
  return g[GLOBAL_KEY];
}
