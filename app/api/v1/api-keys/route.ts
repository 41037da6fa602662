// GET /api/v1/api-keys — the workspace's API keys (never the keys); POST — create one, shown once
import { createApiKeyContract, listApiKeysContract } from "@/lib/api-keys/contracts";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { freshJson, jsonResponse } from "@/lib/http/responses";

export const GET = defineRoute(
  listApiKeysContract,
  async ({ request, principal, query }) => freshJson(request, await listApiKeys({ workspaceId: principal!.workspaceId, ...query }), PRIVATE_REVALIDATE),
);

export const POST = defineRoute(
  createApiKeyContract,
  async ({ principal, body }) => {
    const created = await createApiKey({ workspaceId: principal!.workspaceId, createdBy: principal!.userId, key: body });
    return jsonResponse(created, { status: 201, headers: { Location: `/api/v1/api-keys/${created.id}` } });
  },
);
