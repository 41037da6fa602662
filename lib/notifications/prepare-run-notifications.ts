import "server-only";
import type { Database } from "@/db/client";
import { runAlertsOfWorkspace, workspacesWithRunAlerts, type RunAlert } from "@/db/queries/email-outbox";
import { workspacesSubscribedIn } from "@/db/queries/webhooks";
import type { IngestRun } from "@/db/schema";
import type { JobMessage } from "@/jobs/queue/queue";
import { presentAlert } from "@/lib/alerts/present";
import { deliveryJob } from "./attempt-delivery";
import { emailJob } from "./send-outbox-email";
import { stalledNotificationJobs } from "./stalled-notification-jobs";
import { storeEvent } from "./store-event";
import { storeRunDigest } from "./store-digest";

/** Alerts per alert.created event: a busy day is several events, each a bounded body. */
export const ALERTS_PER_EVENT = 500;

function presentRunAlert(alert: RunAlert) {
  return { ...presentAlert(alert), title: alert.title };
}

/**
 * After a run's alerts are stored: for every workspace with alerts from the run, alert.created
 * deliveries (batched) and the email digest; run.completed for workspaces subscribed to it that
 * track products in the run's marketplace. Everything is written to the database here, nothing is
 * sent: the caller enqueues the returned jobs once the run is marked succeeded. Alerts are read
 * from the database (not from this call's detection), so a finalize retried after a crash still
 * notifies them, and the per-channel claims keep a re-run from notifying anything twice. The jobs
 * include earlier notifications whose jobs were lost (see stalled-notification-jobs.ts).
 */
export async function prepareRunNotifications(db: Database, run: IngestRun): Promise<JobMessage[]> {
  const jobs: JobMessage[] = [];
  const base = { run_id: run.id, date: run.runDate, marketplace: run.marketplace };
  const alertCounts = new Map<string, number>();
  for (const workspaceId of await workspacesWithRunAlerts(db, { runId: run.id, date: run.runDate })) {
    const alerts = await runAlertsOfWorkspace(db, { workspaceId, runId: run.id, date: run.runDate });
    alertCounts.set(workspaceId, alerts.length);
    for (let i = 0; i < alerts.length; i += ALERTS_PER_EVENT) {
      const batch = alerts.slice(i, i + ALERTS_PER_EVENT).map(presentRunAlert);
      for (const d of await storeEvent(db, workspaceId, "alert.created", { ...base, alerts: batch })) jobs.push(deliveryJob(d.id, 1));
    }
    const email = await storeRunDigest(db, { workspaceId, runId: run.id, date: run.runDate, marketplace: run.marketplace, alerts });
    if (email?.transport === "smtp") jobs.push(emailJob(email.id));
  }
  for (const workspaceId of await workspacesSubscribedIn(db, { eventType: "run.completed", marketplace: run.marketplace })) {
    const data = {
      ...base,
      status: "succeeded",
      items_ok: run.itemsOk,
      items_rejected: run.itemsRejected,
      alerts_created: alertCounts.get(workspaceId) ?? 0,
      started_at: run.startedAt?.toISOString() ?? null,
    };
    for (const d of await storeEvent(db, workspaceId, "run.completed", data, `run.completed:${run.id}`)) jobs.push(deliveryJob(d.id, 1));
  }
  return [...jobs, ...(await stalledNotificationJobs(db))];
}
