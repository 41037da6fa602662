import "server-only";
import { getDb } from "@/db/client";
import { mergeWorkspaceSettings } from "@/db/queries/email-outbox";
import { getEmailSettings } from "./get-email-settings";

/** Sets the extra digest recipients and/or the daily cap (workspace settings); other settings are kept. */
export async function updateEmailSettings(input: { workspaceId: string; patch: { extra_recipients?: string[]; daily_cap?: number } }) {
  const patch: Record<string, unknown> = {};
  if (input.patch.extra_recipients) patch.digest_recipients = [...new Set(input.patch.extra_recipients.map((e) => e.toLowerCase()))];
  if (input.patch.daily_cap !== undefined) patch.digest_daily_cap = input.patch.daily_cap;
  if (Object.keys(patch).length > 0) await mergeWorkspaceSettings(await getDb(), input.workspaceId, patch);
  return getEmailSettings({ workspaceId: input.workspaceId });
}
