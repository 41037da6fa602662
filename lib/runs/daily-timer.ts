import "server-only";
import { findRunByDate } from "@/db/queries/runs";
import { planDailyRuns } from "@/jobs/daily-runs";
import type { Pipeline } from "@/jobs/pipeline";
import { resumeUnfinishedRuns } from "@/jobs/resume-runs";
import { todayUtc } from "@/lib/dates";
import { stalledNotificationJobs } from "@/lib/notifications/stalled-notification-jobs";
import { logger } from "@/lib/observability/logger";
import { DEFAULT_MARKETPLACE } from "@/lib/products/marketplaces";

const CHECK_EVERY_MS = 15 * 60_000;

/**
 * The embedded schedule: resume what a restart interrupted (runs; webhook retries and mail on every
 * check), then make sure today's run exists — at start (a server that was down at midnight catches
 * up) and every 15 minutes after. Planning is idempotent per (date, marketplace), so several checks
 * a day start one run.
 */
export function startDailyTimer(p: Pipeline): () => void {
  const log = logger().child({ component: "daily-timer" });
  const tick = async () => {
    // Webhook retries wait on in-process timers that a restart forgets; their state is in Postgres.
    await p.queue.enqueue(await stalledNotificationJobs(p.db));
    const today = todayUtc();
    if (await findRunByDate(p.db, today, DEFAULT_MARKETPLACE)) return;
    const runs = await planDailyRuns(p, today);
    log.info({ date: today, runs: runs.map((r) => r.id) }, "planned the daily run");
  };
  const guarded = () => void tick().catch((error) => log.error({ err: error }, "daily run check failed"));
  void resumeUnfinishedRuns(p)
    .then((n) => n > 0 && log.info({ runs: n }, "resumed unfinished runs"))
    .catch((error) => log.error({ err: error }, "resume failed"))
    .finally(guarded);
  const timer = setInterval(guarded, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
