import "server-only";
import type { Database } from "@/db/client";
import { claimAlerts } from "@/db/queries/alert-notifications";
import { insertDelivery } from "@/db/queries/deliveries";
import { subscribedWebhooks } from "@/db/queries/webhooks";
import type { Delivery, NotificationChannel } from "@/db/schema";
import { eventIdFor, stableJson, webhookChannelKey, type EventPayload, type WebhookEvent } from "./events";

// An alert.created event carries only the alerts this endpoint has not been sent yet; claiming
// them and storing the delivery are one transaction, so neither exists without the other.
async function storeAlertDelivery(db: Database, channel: NotificationChannel, payload: EventPayload): Promise<Delivery | null> {
  const alerts = (payload.data.alerts ?? []) as Array<{ id: string }>;
  return db.transaction(async (tx) => {
    const claimed = new Set(await claimAlerts(tx, webhookChannelKey(channel.id), alerts.map((a) => a.id)));
    if (claimed.size === 0) return null;
    const fresh = alerts.filter((a) => claimed.has(a.id));
    const eventId = eventIdFor(`alert.created:${[...claimed].sort().join(",")}`);
    return insertDelivery(tx, {
      channelId: channel.id,
      eventId,
      eventType: payload.type,
      payload: { ...payload, data: { ...payload.data, alerts: fresh } },
    });
  });
}

/**
 * Stores one delivery per enabled endpoint of the workspace subscribed to `type`, without sending.
 * The event id comes from `key` (default: the type and the data), so storing the same event again
 * adds nothing; for alert.created, each endpoint gets only alerts it has never been sent.
 */
export async function storeEvent(db: Database, workspaceId: string, type: WebhookEvent, data: Record<string, unknown>, key?: string): Promise<Delivery[]> {
  const channels = await subscribedWebhooks(db, workspaceId, type);
  if (channels.length === 0) return [];
  const payload: EventPayload = { type, timestamp: new Date().toISOString(), data };
  const eventId = eventIdFor(key ?? `${type}:${stableJson(data)}`);
  const stored: Delivery[] = [];
  for (const channel of channels) {
    const delivery =
      type === "alert.created"
        ? await storeAlertDelivery(db, channel, payload)
        : await insertDelivery(db, { channelId: channel.id, eventId, eventType: type, payload });
    if (delivery) stored.push(delivery);
  }
  return stored;
}
