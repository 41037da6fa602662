// GET /api/v1/competitions/{id} — one competition; PATCH — change name, members or weekly report; DELETE — remove it
import { deleteCompetitionContract, getCompetitionContract, updateCompetitionContract } from "@/lib/competitions/contracts";
import { deleteCompetition } from "@/lib/competitions/delete-competition";
import { getCompetition } from "@/lib/competitions/get-competition";
import { updateCompetition } from "@/lib/competitions/update-competition";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson, jsonResponse } from "@/lib/http/responses";

export const GET = defineRoute(getCompetitionContract, async ({ request, principal, params }) => {
  const competition = await getCompetition({ workspaceId: principal!.workspaceId, id: params.id });
  if (!competition) throw new NotFound(`No competition ${params.id}.`);
  return conditionalJson(request, competition, { cacheControl: PRIVATE_REVALIDATE });
});

export const PATCH = defineRoute(updateCompetitionContract, async ({ principal, params, body }) =>
  jsonResponse(await updateCompetition({ workspaceId: principal!.workspaceId, id: params.id, patch: body })),
);

export const DELETE = defineRoute(deleteCompetitionContract, async ({ principal, params }) => {
  await deleteCompetition({ workspaceId: principal!.workspaceId, id: params.id });
  return new Response(null, { status: 204 });
});
