import "server-only";
import { getDb } from "@/db/client";
import { digestAudience } from "@/db/queries/email-outbox";
import type { EmailSettingsView } from "./responses";
import { notificationSettings } from "./settings";
import { digestSettingsOf } from "./store-digest";

/** Who receives the workspace's digest and how many a day, and whether mail goes out over SMTP. */
export async function getEmailSettings(input: { workspaceId: string }): Promise<EmailSettingsView> {
  const audience = await digestAudience(await getDb(), input.workspaceId);
  const { recipients, dailyCap } = digestSettingsOf(audience.settings);
  return { members: audience.members, extra_recipients: recipients, daily_cap: dailyCap, transport: notificationSettings().mailer.kind };
}
