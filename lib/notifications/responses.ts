import { z } from "zod";
import { deliveryStatus } from "@/db/schema";
import { WEBHOOK_EVENTS } from "./events";

// Response bodies of the webhook and email routes; the presenters (present.ts), createWebhook and
// getEmailSettings return these types.
const dateTime = z.string().meta({ format: "date-time" });
const httpStatus = z.number().int().nullable().meta({ description: "The endpoint's HTTP status; null when no answer came." });
const excerpt = z.string().nullable().meta({ description: "The start of the endpoint's answer body." });
const nextRetryAt = dateTime.nullable().meta({ description: "When the next automatic attempt is due; null when none is." });

export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string().meta({ format: "uri" }),
    events: z.array(z.string()).meta({ description: `Subscribed events, of ${WEBHOOK_EVENTS.join(", ")}.` }),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable().meta({ description: "Why deliveries stopped (e.g. too many failures in a row)." }),
    consecutive_failures: z.number().int(),
    created_at: dateTime,
  })
  .meta({ id: "Webhook" });
export type WebhookView = z.infer<typeof webhookSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookSchema), next_cursor: z.string().nullable() });

export const createdWebhookSchema = webhookSchema
  .extend({ secret: z.string().meta({ description: "Signing secret (`whsec_…`): shown this once.", example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }) })
  .meta({ id: "CreatedWebhook" });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const deliveryAttemptSchema = z
  .object({
    attempt: z.number().int().meta({ description: "1 for the first attempt." }),
    trigger: z.string().meta({ description: "`auto` (the retry schedule) or `manual` (test, redelivery)." }),
    status_code: httpStatus,
    latency_ms: z.number().int().nullable(),
    response_excerpt: excerpt,
    error: z.string().nullable(),
    next_retry_at: nextRetryAt,
    started_at: dateTime,
    finished_at: dateTime.nullable(),
  })
  .meta({ id: "DeliveryAttempt" });
export type DeliveryAttemptView = z.infer<typeof deliveryAttemptSchema>;

export const deliverySchema = z
  .object({
    id: z.uuid(),
    event_id: z.string().meta({ description: "The `webhook-id` header: the same for every attempt of the event." }),
    event: z.string().meta({ description: `${WEBHOOK_EVENTS.join(", ")} or ping.` }),
    status: z.enum(deliveryStatus.enumValues),
    attempt_count: z.number().int(),
    status_code: httpStatus,
    latency_ms: z.number().int().nullable(),
    response_excerpt: excerpt,
    next_retry_at: nextRetryAt,
    created_at: dateTime,
    updated_at: dateTime,
    attempts: z.array(deliveryAttemptSchema).meta({ description: "Every attempt, first first." }),
  })
  .meta({ id: "Delivery" });
export type DeliveryView = z.infer<typeof deliverySchema>;

export const deliveryPageSchema = z.object({ items: z.array(deliverySchema), next_cursor: z.string().nullable() });

export const outboxEmailSchema = z
  .object({
    id: z.uuid(),
    recipients: z.array(z.string()),
    subject: z.string(),
    transport: z.string().meta({ description: "`smtp` (sent over SMTP_URL) or `outbox` (no SMTP: kept here to be read)." }),
    status: z.enum(["sent", "not_sent", "sending", "held"]).meta({ description: "`not_sent` comes with the reason in `error`." }),
    error: z.string().nullable(),
    sent_at: dateTime.nullable(),
    created_at: dateTime,
    text: z.string(),
    html: z.string(),
  })
  .meta({ id: "OutboxEmail" });
export type OutboxEmailView = z.infer<typeof outboxEmailSchema>;

export const outboxListSchema = z.object({ items: z.array(outboxEmailSchema) });

export const emailSettingsSchema = z
  .object({
    members: z.array(z.string()).meta({ description: "Admins and analysts of the workspace: they always receive the digest." }),
    extra_recipients: z.array(z.string()),
    daily_cap: z.number().int().meta({ description: "Digests sent per UTC day at most." }),
    transport: z.enum(["smtp", "outbox"]).meta({ description: "`outbox` when no SMTP_URL is set: digests are only kept." }),
  })
  .meta({ id: "EmailSettings" });
export type EmailSettingsView = z.infer<typeof emailSettingsSchema>;
