import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret: "whsec_" + base64 of 32 random bytes (Standard Webhooks' format). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * The three Standard Webhooks headers for one attempt. The id is the event's (stable across
 * retries, so receivers can drop duplicates); the timestamp is the attempt's, because receivers
 * refuse signatures older than five minutes.
 */
export function signatureHeaders(secret: string, msgId: string, body: string, at: Date): Record<string, string> {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(msgId, at, body),
  };
}
