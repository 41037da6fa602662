// GET /api/v1/email-outbox — the workspace's newest digests: sent, held (no SMTP) or not sent and why
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { freshJson } from "@/lib/http/responses";
import { listOutboxContract } from "@/lib/notifications/contracts";
import { listOutbox } from "@/lib/notifications/list-outbox";

export const GET = defineRoute(
  listOutboxContract,
  async ({ request, principal, query }) => freshJson(request, await listOutbox({ workspaceId: principal!.workspaceId, limit: query.limit }), PRIVATE_REVALIDATE),
);
