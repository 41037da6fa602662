// DELETE /api/v1/api-keys/{id} — revoke a key: 401 for it from the next request on
import { deleteApiKeyContract } from "@/lib/api-keys/contracts";
import { deleteApiKey } from "@/lib/api-keys/delete-api-key";
import { defineRoute } from "@/lib/http/define-route";

export const DELETE = defineRoute(
  deleteApiKeyContract,
  async ({ principal, params }) => {
    await deleteApiKey({ workspaceId: principal!.workspaceId, id: params.id });
    return new Response(null, { status: 204 });
  },
);
