import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, ConfigError } from "@/lib/config/env";

const SECRET_FILE = "auth-secret";

let cached: string | undefined;

/**
 * The key that encrypts session cookies: AUTH_SECRET (or NEXTAUTH_SECRET) when set.
 *
 * Without one, `npm run demo` must still work with zero configuration, and a secret that changed
 * at every start would sign everybody out on each restart (and differ between `demo`'s seeding
 * process and the server). So the embedded default generates 256 random bits once and keeps them
 * in DATA_DIR/auth-secret (mode 0600) beside the embedded database they protect. Several instances
 * on a real database cannot share that file, so production on a real database refuses to start
 * without a configured secret instead of handing each instance a different one.
 */
export function authSecret(): string {
  if (cached) return cached;
  const cfg = config();
  const configured = cfg.env.AUTH_SECRET ?? cfg.env.NEXTAUTH_SECRET;
  if (configured) return (cached = configured);
  if (cfg.isProduction && cfg.database.kind === "postgres") {
    throw new ConfigError("Invalid environment:\n  AUTH_SECRET: required in production with DATABASE_URL (every instance must share it)");
  }
  return (cached = persistedSecret(cfg.dataDir));
}

function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    try {
      // "wx": if another process created it meanwhile, keep theirs.
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(file, "utf8").trim();
  }
}
