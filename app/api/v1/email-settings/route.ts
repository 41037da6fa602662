// GET /api/v1/email-settings — digest recipients (members and extra), daily cap, transport; PUT — change extra recipients or the cap
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { freshJson, jsonResponse } from "@/lib/http/responses";
import { getEmailSettingsContract, updateEmailSettingsContract } from "@/lib/notifications/contracts";
import { getEmailSettings } from "@/lib/notifications/get-email-settings";
import { updateEmailSettings } from "@/lib/notifications/update-email-settings";

export const GET = defineRoute(getEmailSettingsContract, async ({ request, principal }) =>
  freshJson(request, await getEmailSettings({ workspaceId: principal!.workspaceId }), PRIVATE_REVALIDATE),
);

export const PUT = defineRoute(updateEmailSettingsContract, async ({ principal, body }) =>
  jsonResponse(await updateEmailSettings({ workspaceId: principal!.workspaceId, patch: body })),
);
