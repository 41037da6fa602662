import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { config } from "@/lib/config/env";
import { logger } from "@/lib/observability/logger";
import { defaultPipeline } from "@/jobs/pipeline";
import { startDailyTimer } from "@/lib/runs/daily-timer";
import { ensureBootstrap } from "./ensure-bootstrap";

/** Server start: config validated, database opened and migrated, bootstrap identities ensured, schedule on. */
export async function startServer(): Promise<void> {
  const cfg = config();
  const handle = await getDatabaseHandle();
  await ensureBootstrap(handle.db, cfg.bootstrap, { generateMissing: false });
  // With QStash the schedule is Vercel Cron or a QStash schedule calling /api/cron/daily.
  if (cfg.queue.kind === "local" && cfg.etl.dailyTimer) startDailyTimer(await defaultPipeline());
  logger().info({ database: handle.kind, cache: cfg.cache.kind, port: cfg.port }, "server ready");
}
