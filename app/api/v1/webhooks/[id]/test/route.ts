// POST /api/v1/webhooks/{id}/test — send a signed ping now → the delivery with its attempt
import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";
import { testWebhookContract } from "@/lib/notifications/contracts";
import { testWebhook } from "@/lib/notifications/test-webhook";

export const POST = defineRoute(
  testWebhookContract,
  async ({ principal, params }) => jsonResponse(await testWebhook({ workspaceId: principal!.workspaceId, id: params.id })),
);
