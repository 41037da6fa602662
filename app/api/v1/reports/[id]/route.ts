// GET /api/v1/reports/{id} — a stored report: text, model, tokens, cost, facts and its number check
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson } from "@/lib/http/responses";
import { getReportContract } from "@/lib/reports/contracts";
import { getReport } from "@/lib/reports/get-report";

export const GET = defineRoute(getReportContract, async ({ request, principal, params }) => {
  const report = await getReport({ workspaceId: principal!.workspaceId, id: params.id });
  if (!report) throw new NotFound(`No report ${params.id}.`);
  return conditionalJson(request, report, { cacheControl: PRIVATE_REVALIDATE });
});
