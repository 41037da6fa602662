import "server-only";
import type { Database } from "@/db/client";
import { stalledDeliveries } from "@/db/queries/deliveries";
import { unsentSmtpEmails } from "@/db/queries/email-outbox";
import type { JobMessage } from "@/jobs/queue/queue";
import { deliveryJob } from "./attempt-delivery";
import { emailJob } from "./send-outbox-email";

// Older than this, a pending delivery, a due retry or unsent mail has lost its job (the longest attempt is
// well under it). Mail older than two days is given up on rather than sent late.
const STALE_AFTER_MS = 10 * 60_000;
const MAIL_GIVE_UP_MS = 2 * 86_400_000;
const SWEEP_LIMIT = 1000;

/**
 * Jobs for notification work whose job was lost — the in-process queue forgets delayed retries on
 * restart, and a crash can fall between storing a delivery and enqueueing it. Enqueueing a job
 * that still exists is harmless: attempts and mail are claimed in the database.
 */
export async function stalledNotificationJobs(db: Database, now = new Date()): Promise<JobMessage[]> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const [deliveries, emails] = await Promise.all([
    stalledDeliveries(db, { staleBefore, limit: SWEEP_LIMIT }),
    unsentSmtpEmails(db, { since: new Date(now.getTime() - MAIL_GIVE_UP_MS), before: staleBefore, limit: SWEEP_LIMIT }),
  ]);
  return [...deliveries.map((d) => deliveryJob(d.id, d.nextAttempt)), ...emails.map(emailJob)];
}
