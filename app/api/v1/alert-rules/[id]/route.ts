// PATCH /api/v1/alert-rules/{id} — change some fields of a rule; DELETE — remove it with its alerts
import { deleteAlertRule } from "@/lib/alerts/delete-alert-rule";
import { deleteAlertRuleContract, updateAlertRuleContract } from "@/lib/alerts/contracts";
import { updateAlertRule } from "@/lib/alerts/update-alert-rule";
import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";

export const PATCH = defineRoute(
  updateAlertRuleContract,
  async ({ principal, params, body }) => jsonResponse(await updateAlertRule({ workspaceId: principal!.workspaceId, id: params.id, patch: body })),
);

export const DELETE = defineRoute(
  deleteAlertRuleContract,
  async ({ principal, params }) => {
    await deleteAlertRule({ workspaceId: principal!.workspaceId, id: params.id });
    return new Response(null, { status: 204 });
  },
);
