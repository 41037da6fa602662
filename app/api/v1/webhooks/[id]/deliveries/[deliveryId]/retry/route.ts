// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry — manual redelivery: one attempt now → the delivery
import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { retryDeliveryContract } from "@/lib/notifications/contracts";
import { retryDelivery } from "@/lib/notifications/retry-delivery";

export const POST = defineRoute(
  retryDeliveryContract,
  async ({ principal, params }) => jsonResponse(await retryDelivery({ workspaceId: principal!.workspaceId, webhookId: params.id, deliveryId: params.deliveryId })),
);
