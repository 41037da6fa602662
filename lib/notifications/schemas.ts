import { z } from "zod";
import { limitSchema } from "@/lib/products/schemas";
import { WEBHOOK_EVENTS } from "./events";

export const webhookIdParamsSchema = z.object({ id: z.uuid("a webhook id is a UUID") });
export const deliveryParamsSchema = z.object({ id: z.uuid("a webhook id is a UUID"), deliveryId: z.uuid("a delivery id is a UUID") });

/** POST /webhooks: events default to all three; duplicates are dropped. */
export const createWebhookBodySchema = z.object({
  url: z.string().trim().min(1).max(2048),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .default([...WEBHOOK_EVENTS])
    .transform((events) => [...new Set(events)]),
});

export const listDeliveriesQuerySchema = z.object({ limit: limitSchema, cursor: z.string().max(256).optional() });

export const listOutboxQuerySchema = z.object({ limit: limitSchema });

/** PUT /email-settings: extra digest recipients and the daily cap of digests. */
export const emailSettingsBodySchema = z.object({
  extra_recipients: z.array(z.email().max(320)).max(50).optional(),
  daily_cap: z.number().int().min(0).max(1000).optional(),
});
