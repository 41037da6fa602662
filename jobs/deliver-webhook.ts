import { attemptDelivery } from "@/lib/notifications/attempt-delivery";
import type { Pipeline } from "./pipeline";

/**
 * Job step: attempt `attempt` of a webhook delivery. HTTP failures do not throw (the step stores
 * them and enqueues the next attempt with backoff); only a database error does, and then the
 * queue's redelivery finds the attempt claimed or not and acts accordingly.
 */
export async function deliverWebhook(p: Pipeline, input: { deliveryId: string; attempt: number }): Promise<void> {
  await attemptDelivery(p, { deliveryId: input.deliveryId, attemptNo: input.attempt, trigger: "auto" });
}
