import "server-only";
import { getDb } from "@/db/client";
import { listWebhooks as listWebhookRows } from "@/db/queries/webhooks";
import { presentWebhook } from "./present";

/** The workspace's endpoints; a disabled one carries the reason, for the API and the dashboard. */
export async function listWebhooks(input: { workspaceId: string }) {
  const rows = await listWebhookRows(await getDb(), input.workspaceId);
  return { items: rows.map(presentWebhook), next_cursor: null };
}
