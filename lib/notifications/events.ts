import { createHash } from "node:crypto";

/** Events a webhook endpoint can subscribe to (API.md). */
export const WEBHOOK_EVENTS = ["alert.created", "run.completed", "report.ready"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** `ping` is sent only by POST /webhooks/{id}/test. */
export type EventType = WebhookEvent | "ping";

/** The body of every delivery (Standard Webhooks' recommended shape). */
export interface EventPayload {
  type: EventType;
  timestamp: string;
  data: Record<string, unknown>;
}

/** Keys of app.alert_notifications and of the daily cap: one per channel. */
export const webhookChannelKey = (channelId: string) => `webhook:${channelId}`;
export const EMAIL_DIGEST_CHANNEL = "email";

/**
 * The webhook-id of an event: derived from what the event is about (a run, a set of alerts), so the
 * same event emitted twice gets the same id and the unique (channel, event id) key drops it.
 */
export function eventIdFor(key: string): string {
  return `msg_${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

/** JSON with sorted object keys, so equal data hashes equally whatever order it was built in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The exact bytes sent and signed: type, timestamp, data in that order (jsonb reorders stored keys). */
export function serializePayload(payload: EventPayload): string {
  return JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
}
