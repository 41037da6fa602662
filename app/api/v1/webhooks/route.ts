// GET /api/v1/webhooks — the workspace's endpoints (never their secrets); POST — add one → { id, secret }
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { freshJson, jsonResponse } from "@/lib/http/responses";
import { createWebhookContract, listWebhooksContract } from "@/lib/notifications/contracts";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { listWebhooks } from "@/lib/notifications/list-webhooks";

export const GET = defineRoute(listWebhooksContract, async ({ request, principal }) =>
  freshJson(request, await listWebhooks({ workspaceId: principal!.workspaceId }), PRIVATE_REVALIDATE),
);

export const POST = defineRoute(createWebhookContract, async ({ principal, body }) => {
  const webhook = await createWebhook({ workspaceId: principal!.workspaceId, ...body });
  return jsonResponse(webhook, { status: 201, headers: { Location: `/api/v1/webhooks/${webhook.id}` } });
});
