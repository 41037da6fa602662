// DELETE /api/v1/webhooks/{id} — remove an endpoint and its delivery log → 204
import { defineRoute } from "@/lib/http/define-route";
import { deleteWebhookContract } from "@/lib/notifications/contracts";
import { deleteWebhook } from "@/lib/notifications/delete-webhook";

export const DELETE = defineRoute(
  deleteWebhookContract,
  async ({ principal, params }) => {
    await deleteWebhook({ workspaceId: principal!.workspaceId, id: params.id });
    return new Response(null, { status: 204 });
  },
);
