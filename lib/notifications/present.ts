import type { Delivery, DeliveryAttempt, EmailOutboxRow, NotificationChannel } from "@/db/schema";
import type { DeliveryAttemptView, DeliveryView, OutboxEmailView, WebhookView } from "./responses";

/** An endpoint as listed: never its secret (shown once, at creation). */
export function presentWebhook(c: NotificationChannel): WebhookView {
  return {
    id: c.id,
    url: c.target,
    events: c.events,
    enabled: c.enabled,
    disabled_reason: c.disabledReason,
    consecutive_failures: c.consecutiveFailures,
    created_at: c.createdAt.toISOString(),
  };
}

export function presentAttempt(a: DeliveryAttempt): DeliveryAttemptView {
  return {
    attempt: a.attemptNo,
    trigger: a.trigger,
    status_code: a.statusCode,
    latency_ms: a.latencyMs,
    response_excerpt: a.responseExcerpt,
    error: a.error ?? (a.finishedAt ? null : "no result recorded (in progress or interrupted)"),
    next_retry_at: a.nextRetryAt?.toISOString() ?? null,
    started_at: a.startedAt.toISOString(),
    finished_at: a.finishedAt?.toISOString() ?? null,
  };
}

export function presentDelivery(d: Delivery, attempts: DeliveryAttempt[]): DeliveryView {
  return {
    id: d.id,
    event_id: d.eventId,
    event: d.eventType,
    status: d.status,
    attempt_count: d.attempts,
    status_code: d.statusCode,
    latency_ms: d.latencyMs,
    response_excerpt: d.responseExcerpt,
    next_retry_at: d.nextRetryAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    attempts: attempts.map(presentAttempt),
  };
}

export function presentOutboxEmail(e: EmailOutboxRow): OutboxEmailView {
  return {
    id: e.id,
    recipients: e.recipients,
    subject: e.subject,
    transport: e.transport,
    status: e.sentAt ? "sent" : e.error ? "not_sent" : e.transport === "smtp" ? "sending" : "held",
    error: e.error,
    sent_at: e.sentAt?.toISOString() ?? null,
    created_at: e.createdAt.toISOString(),
    text: e.textBody,
    html: e.htmlBody,
  };
}
