import "server-only";
import type { Database } from "@/db/client";
import { defaultPipeline } from "@/jobs/pipeline";
import type { JobQueue } from "@/jobs/queue/queue";
import { deliveryJob } from "@/lib/notifications/attempt-delivery";
import type { WebhookEvent } from "@/lib/notifications/events";
import { storeEvent } from "@/lib/notifications/store-event";

export type { WebhookEvent } from "@/lib/notifications/events";

export interface EmitOptions {
  /** Database and queue to use; default: the process's pipeline. */
  pipeline?: { db: Database; queue: JobQueue };
  /**
   * What makes this event unique, e.g. `report.ready:<report id>`: emitting the same key twice
   * sends once per endpoint. Default: the type and the data.
   */
  key?: string;
}

/**
 * The event bus: stores a delivery of `{ type, timestamp, data }` for every enabled webhook of the
 * workspace subscribed to `type` and enqueues its first attempt (signed, retried with backoff).
 * For alert.created, `data.alerts` is a list of `{ id, … }` and each endpoint receives only alerts
 * it was never sent. Returns how many deliveries were enqueued.
 */
export async function emitEvent(workspaceId: string, type: WebhookEvent, data: Record<string, unknown>, opts: EmitOptions = {}): Promise<{ deliveries: number }> {
  const { db, queue } = opts.pipeline ?? (await defaultPipeline());
  const stored = await storeEvent(db, workspaceId, type, data, opts.key);
  if (stored.length > 0) await queue.enqueue(stored.map((d) => deliveryJob(d.id, 1)));
  return { deliveries: stored.length };
}
