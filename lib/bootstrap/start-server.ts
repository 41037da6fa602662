import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { config } from "@/lib/config/env";
import { logger } from "@/lib/observability/logger";
import { ensureBootstrap } from "./ensure-bootstrap";

/** Server start: config validated, database opened and migrated, bootstrap identities ensured. */
export async function startServer(): Promise<void> {
  const cfg = config();
  const handle = await getDatabaseHandle();
  await ensureBootstrap(handle.db, cfg.bootstrap, { generateMissing: false });
  logger().info({ database: handle.kind, cache: cfg.cache.kind, port: cfg.port }, "server ready");
}
