import "server-only";
import pino from "pino";
import { config } from "@/lib/config/env";

const GLOBAL_KEY = Symbol.for("shelfwatch.logger");
type GlobalWithLogger = typeof globalThis & { [GLOBAL_KEY]?: { app: pino.Logger; access: pino.Logger } };

/**
 * Standard output, written asynchronously in 4 KiB batches: a synchronous write per access line
 * costs a syscall on every request, about a sixth of a cached read's budget. Flushed at exit.
 */
function destination(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  process.once("exit", () => stream.flushSync());
  return stream;
}

/** Fields censored wherever a log call puts them: credentials, cookies, keys and their hashes. */
export const REDACTED_PATHS = [
  "authorization", "*.authorization", "headers.authorization", "*.headers.authorization",
  "cookie", "*.cookie", "headers.cookie", "*.headers.cookie", "headers[\"set-cookie\"]", "*.headers[\"set-cookie\"]",
  "key", "*.key", "apiKey", "*.apiKey", "api_key", "*.api_key", "keyHash", "*.keyHash",
  "password", "*.password", "passwordHash", "*.passwordHash", "credentials", "*.credentials",
  "secret", "*.secret", "token", "*.token",
];

function loggers(): { app: pino.Logger; access: pino.Logger } {
  const g = globalThis as GlobalWithLogger;
  if (!g[GLOBAL_KEY]) {
    const stream = destination();
    const options = { level: config().logLevel, base: { service: "shelfwatch" }, timestamp: pino.stdTimeFunctions.isoTime };
    g[GLOBAL_KEY] = {
      app: pino({ ...options, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, stream),
      // The access line has fixed fields chosen by lib/http/request-context.ts, none of them a
      // secret: it skips the wildcard redaction pass, which costs more than the rest of the line.
      access: pino(options, stream),
    };
  }
  return g[GLOBAL_KEY];
}

/** One JSON line per event on stdout. Secrets are redacted wherever they may appear. */
export function logger(): pino.Logger {
  return loggers().app;
}

/** The access log: one line per request, same stream as logger(), fields fixed by the caller. */
export function accessLogger(): pino.Logger {
  return loggers().access;
}
