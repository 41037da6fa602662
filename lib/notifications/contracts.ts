import { defineContract } from "@/lib/http/contract";
import { createdWebhookSchema, deliveryPageSchema, deliverySchema, emailSettingsSchema, outboxListSchema, webhookListSchema } from "./responses";
import {
  createWebhookBodySchema,
  deliveryParamsSchema,
  emailSettingsBodySchema,
  listDeliveriesQuerySchema,
  listOutboxQuerySchema,
  webhookIdParamsSchema,
} from "./schemas";

const WEBHOOKS = "Webhooks";
const EMAIL = "Email digests";
const admin = { kind: "role", role: "admin" } as const;

export const listWebhooksContract = defineContract({
  method: "GET",
  route: "/api/v1/webhooks",
  tag: WEBHOOKS,
  summary: "The workspace's webhook endpoints (never their secrets)",
  access: admin,
  etag: true,
  responses: { 200: { description: "Every endpoint; a disabled one carries the reason.", schema: webhookListSchema } },
});

export const createWebhookContract = defineContract({
  method: "POST",
  route: "/api/v1/webhooks",
  tag: WEBHOOKS,
  summary: "Add a webhook endpoint; its signing secret is shown once",
  description:
    "`events` defaults to all of them. The URL's host is resolved first: a private, loopback or link-local target is a 400 unless the server allows private targets, a cloud metadata address always is.",
  access: admin,
  body: createWebhookBodySchema,
  responses: { 201: { description: "The endpoint with its secret.", schema: createdWebhookSchema, headers: { Location: "/api/v1/webhooks/{id}" } } },
});

export const deleteWebhookContract = defineContract({
  method: "DELETE",
  route: "/api/v1/webhooks/{id}",
  tag: WEBHOOKS,
  summary: "Remove an endpoint with its delivery log",
  access: admin,
  params: webhookIdParamsSchema,
  errors: [404],
  responses: { 204: { description: "Removed." } },
});

export const testWebhookContract = defineContract({
  method: "POST",
  route: "/api/v1/webhooks/{id}/test",
  tag: WEBHOOKS,
  summary: "Send a signed `ping` now",
  description: "Also to a disabled endpoint: a success enables it again. Pings are not retried.",
  access: admin,
  params: webhookIdParamsSchema,
  errors: [404],
  responses: { 200: { description: "The ping's delivery with its attempt.", schema: deliverySchema } },
});

export const listDeliveriesContract = defineContract({
  method: "GET",
  route: "/api/v1/webhooks/{id}/deliveries",
  tag: WEBHOOKS,
  summary: "An endpoint's deliveries, newest first, each with its attempts",
  access: admin,
  params: webhookIdParamsSchema,
  query: listDeliveriesQuerySchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "A page of deliveries.", schema: deliveryPageSchema } },
});

export const retryDeliveryContract = defineContract({
  method: "POST",
  route: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry",
  tag: WEBHOOKS,
  summary: "Redeliver now: one more attempt with the same webhook-id and a fresh signature",
  description: "Allowed in any state and on a disabled endpoint (a success enables it again). If it fails and automatic attempts remain, the schedule goes on.",
  access: admin,
  params: deliveryParamsSchema,
  errors: [404, 409],
  responses: { 200: { description: "The delivery with every attempt.", schema: deliverySchema } },
});

export const listOutboxContract = defineContract({
  method: "GET",
  route: "/api/v1/email-outbox",
  tag: EMAIL,
  summary: "The workspace's newest digests: sent, held (no SMTP) or not sent and why",
  access: admin,
  query: listOutboxQuerySchema,
  etag: true,
  responses: { 200: { description: "The newest digests, newest first.", schema: outboxListSchema } },
});

export const getEmailSettingsContract = defineContract({
  method: "GET",
  route: "/api/v1/email-settings",
  tag: EMAIL,
  summary: "Digest recipients (members and extra), daily cap and transport",
  access: admin,
  etag: true,
  responses: { 200: { description: "The digest settings.", schema: emailSettingsSchema } },
});

export const updateEmailSettingsContract = defineContract({
  method: "PUT",
  route: "/api/v1/email-settings",
  tag: EMAIL,
  summary: "Change the extra digest recipients and/or the daily cap",
  description: "Fields left out keep their value; recipients are lower-cased and deduplicated.",
  access: admin,
  body: emailSettingsBodySchema,
  responses: { 200: { description: "The settings after the change.", schema: emailSettingsSchema } },
});
