// GET /api/v1/alert-rules — the workspace's alert rules (defaults written first); POST — add a rule
import { createAlertRule } from "@/lib/alerts/create-alert-rule";
import { listAlertRules } from "@/lib/alerts/list-alert-rules";
import { createAlertRuleContract, listAlertRulesContract } from "@/lib/alerts/contracts";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { freshJson, jsonResponse } from "@/lib/http/responses";

export const GET = defineRoute(
  listAlertRulesContract,
  async ({ request, principal, query }) => freshJson(request, await listAlertRules({ workspaceId: principal!.workspaceId, ...query }), PRIVATE_REVALIDATE),
);

export const POST = defineRoute(
  createAlertRuleContract,
  async ({ principal, body }) => {
    const rule = await createAlertRule({ workspaceId: principal!.workspaceId, rule: body });
    return jsonResponse(rule, { status: 201, headers: { Location: `/api/v1/alert-rules/${rule.id}` } });
  },
);
