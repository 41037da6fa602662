import { claimAttempt, finishAttempt, insertDelivery } from "@/db/queries/deliveries";
import { insertOutboxEmail } from "@/db/queries/email-outbox";
import { insertWebhook } from "@/db/queries/webhooks";
import { newWebhookSecret } from "@/lib/notifications/sign-webhook";
import { testDatabase } from "./database";

/**
 * A webhook endpoint with one delivery that failed once and waits for its retry, and one digest
 * held in the outbox — stored directly, so list routes have every field filled to show.
 */
export async function storeNotificationHistory(workspaceId: string): Promise<{ webhookId: string }> {
  const { db } = await testDatabase();
  const channel = await insertWebhook(db, { workspaceId, url: "https://hooks.example.com/shelfwatch", events: ["alert.created"], secret: newWebhookSecret() });
  const payload = { type: "ping", timestamp: new Date().toISOString(), data: { webhook_id: channel.id } };
  const delivery = await insertDelivery(db, { channelId: channel.id, eventId: `msg_fixture_${channel.id}`, eventType: "ping", payload });
  const attempt = await claimAttempt(db, { deliveryId: delivery!.id, attemptNo: 1, trigger: "auto" });
  await finishAttempt(db, {
    attemptId: attempt!.id,
    deliveryId: delivery!.id,
    attemptNo: 1,
    statusCode: 503,
    latencyMs: 42,
    responseExcerpt: "Service Unavailable",
    error: null,
    status: "retrying",
    nextRetryAt: new Date(Date.now() + 60_000),
  });
  await insertOutboxEmail(db, {
    workspaceId,
    dedupeKey: `digest:fixture-${channel.id}`,
    recipients: ["owner@example.com"],
    subject: "Shelfwatch: 1 new alert",
    textBody: "1 new alert",
    htmlBody: "<p>1 new alert</p>",
    transport: "outbox",
  });
  return { webhookId: channel.id };
}
