import "server-only";
import type { Database } from "@/db/client";
import { claimAttempt, failDelivery, finishAttempt, getDeliveryWithChannel } from "@/db/queries/deliveries";
import { recordEndpointOutcome } from "@/db/queries/webhooks";
import type { Delivery } from "@/db/schema";
import type { JobMessage, JobQueue } from "@/jobs/queue/queue";
import { logger } from "@/lib/observability/logger";
import { retryDelaySeconds } from "./delivery-policy";
import { serializePayload, type EventPayload } from "./events";
import { sendWebhook } from "./send-webhook";
import { notificationSettings } from "./settings";
import { signatureHeaders } from "./sign-webhook";

export interface AttemptInput {
  deliveryId: string;
  /** The queue's attempt number; omitted for a manual attempt (the next number is taken). */
  attemptNo?: number;
  trigger: "auto" | "manual";
}

/** The job that makes attempt `attemptNo` of a delivery; the dedupe id makes a duplicate a no-op. */
export function deliveryJob(deliveryId: string, attemptNo: number, delaySeconds?: number): JobMessage {
  return { name: "webhook-delivery", payload: { deliveryId, attempt: attemptNo }, dedupeId: `webhook:${deliveryId}:${attemptNo}`, delaySeconds };
}

/**
 * Makes one attempt of a delivery: claim the attempt number (exactly one worker may make it), sign
 * the stored payload for this moment, POST it, store the result on the attempt, the delivery and
 * the endpoint, and on failure enqueue the next attempt after an exponential delay — or give up
 * after the policy's last attempt. Pings are not retried. An automatic attempt on a disabled
 * endpoint fails the delivery unsent; a manual one (test, redelivery) is sent, and its success
 * enables the endpoint again. Returns the delivery as stored, or null when there was nothing to do.
 */
export async function attemptDelivery(deps: { db: Database; queue: JobQueue }, input: AttemptInput): Promise<Delivery | null> {
  const { db, queue } = deps;
  const settings = notificationSettings();
  const found = await getDeliveryWithChannel(db, input.deliveryId);
  if (!found) return null;
  const { delivery, channel } = found;
  if (input.trigger === "auto") {
    if (delivery.status === "succeeded" || delivery.status === "failed") return null;
    if (!channel.enabled) {
      await failDelivery(db, delivery.id, `not sent: the endpoint is disabled (${channel.disabledReason ?? "by its owner"})`);
      return null;
    }
  }
  const claimed = await claimAttempt(db, { deliveryId: delivery.id, attemptNo: input.attemptNo, trigger: input.trigger });
  if (!claimed) return null;

  const body = serializePayload(delivery.payload as EventPayload);
  const headers = signatureHeaders(channel.secret!, delivery.eventId, body, new Date());
  const result = await sendWebhook({ url: channel.target, headers, body, timeoutMs: settings.policy.timeoutMs, allowPrivate: settings.allowPrivateTargets });
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const retry = !ok && delivery.eventType !== "ping" && claimed.attemptNo < settings.policy.maxAttempts;
  const delaySeconds = retry ? retryDelaySeconds(settings.policy, claimed.attemptNo) : undefined;
  const failure = result.statusCode !== null ? `HTTP ${result.statusCode}` : (result.error ?? "no response");

  const { disabled } = await recordEndpointOutcome(db, { channelId: channel.id, ok, failure, disableAfter: settings.policy.disableAfterFailures });
  const stored = await finishAttempt(db, {
    attemptId: claimed.id,
    deliveryId: delivery.id,
    attemptNo: claimed.attemptNo,
    ...result,
    status: ok ? "succeeded" : retry && !disabled ? "retrying" : "failed",
    nextRetryAt: retry && !disabled ? new Date(Date.now() + delaySeconds! * 1000) : null,
  });
  logger().info(
    { delivery_id: delivery.id, channel_id: channel.id, event: delivery.eventType, attempt: claimed.attemptNo, status_code: result.statusCode, error: result.error, latency_ms: result.latencyMs, retry_in_s: delaySeconds, disabled },
    "webhook attempt",
  );
  if (stored.status === "retrying") await queue.enqueue([deliveryJob(delivery.id, claimed.attemptNo + 1, delaySeconds)]);
  return stored;
}
