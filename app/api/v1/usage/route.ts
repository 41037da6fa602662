// GET /api/v1/usage — Apify and LLM spend per day against the daily budgets (?from=&to=, default 30 days)
import { defineRoute } from "@/lib/http/define-route";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { freshJson } from "@/lib/http/responses";
import { getUsageContract } from "@/lib/usage/contracts";
import { getUsage } from "@/lib/usage/get-usage";

export const GET = defineRoute(
  getUsageContract,
  async ({ request, principal, query }) => freshJson(request, await getUsage({ workspaceId: principal!.workspaceId, from: query.from, to: query.to }), PRIVATE_REVALIDATE),
);
