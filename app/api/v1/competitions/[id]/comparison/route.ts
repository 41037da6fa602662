// GET /api/v1/competitions/{id}/comparison — gaps, ranks and summary from the mart: ?date= (default latest) or ?from=&to=
import { getComparisonContract } from "@/lib/competitions/contracts";
import { getComparison } from "@/lib/competitions/get-comparison";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson } from "@/lib/http/responses";

export const GET = defineRoute(getComparisonContract, async ({ request, principal, params, query }) => {
  const comparison = await getComparison({ workspaceId: principal!.workspaceId, id: params.id, query });
  if (!comparison) throw new NotFound(`No competition ${params.id}.`);
  return conditionalJson(request, comparison, { cacheControl: PRIVATE_REVALIDATE });
});
