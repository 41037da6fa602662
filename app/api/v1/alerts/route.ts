// GET /api/v1/alerts — the workspace's alerts, newest day first; ?status=, ?asin=, ?since=, pagination
import { listAlerts } from "@/lib/alerts/list-alerts";
import { listAlertsContract } from "@/lib/alerts/contracts";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { conditionalJson } from "@/lib/http/responses";

export const GET = defineRoute(
  listAlertsContract,
  async ({ request, principal, query }) =>
    conditionalJson(request, await listAlerts({ workspaceId: principal!.workspaceId, ...query }), { cacheControl: PRIVATE_REVALIDATE }),
);
