// GET /api/v1/webhooks/{id}/deliveries — deliveries newest first, each with its attempts (status code, latency, excerpt, next retry)
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { freshJson } from "@/lib/http/responses";
import { listDeliveriesContract } from "@/lib/notifications/contracts";
import { listDeliveries } from "@/lib/notifications/list-deliveries";

export const GET = defineRoute(
  listDeliveriesContract,
  async ({ request, principal, params, query }) =>
    freshJson(request, await listDeliveries({ workspaceId: principal!.workspaceId, webhookId: params.id, ...query }), PRIVATE_REVALIDATE),
);
