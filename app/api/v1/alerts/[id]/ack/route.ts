// POST /api/v1/alerts/{id}/ack — acknowledge one of the workspace's alerts (idempotent)
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { acknowledgeAlertContract } from "@/lib/alerts/contracts";
import { defineRoute } from "@/lib/http/define-route";
import { jsonResponse } from "@/lib/http/responses";

export const POST = defineRoute(
  acknowledgeAlertContract,
  async ({ principal, params }) => jsonResponse(await acknowledgeAlert({ principal: principal!, id: params.id })),
);
