// GET /api/v1/competitions — the workspace's competitions; POST — create one (tracks its ASINs, backfills the comparison)
import { createCompetitionContract, listCompetitionsContract } from "@/lib/competitions/contracts";
import { createCompetition } from "@/lib/competitions/create-competition";
import { listCompetitions } from "@/lib/competitions/list-competitions";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { conditionalJson, jsonResponse } from "@/lib/http/responses";

export const GET = defineRoute(listCompetitionsContract, async ({ request, principal, query }) =>
  conditionalJson(request, await listCompetitions({ workspaceId: principal!.workspaceId, ...query }), { cacheControl: PRIVATE_REVALIDATE }),
);

export const POST = defineRoute(createCompetitionContract, async ({ principal, body }) => {
  const competition = await createCompetition({ workspaceId: principal!.workspaceId, competition: body });
  return jsonResponse(competition, { status: 201, headers: { Location: `/api/v1/competitions/${competition.id}` } });
});
