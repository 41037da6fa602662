import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/db/client";
import { claimAlerts } from "@/db/queries/alert-notifications";
import { digestAudience, insertOutboxEmail, reserveDailySlot, type RunAlert } from "@/db/queries/email-outbox";
import type { EmailOutboxRow } from "@/db/schema";
import { todayUtc } from "@/lib/dates";
import { composeDigest } from "./compose-digest";
import { EMAIL_DIGEST_CHANNEL } from "./events";
import { notificationSettings } from "./settings";

/** Digests per workspace and UTC day unless its settings say otherwise (`digest_daily_cap`). */
export const DEFAULT_DIGEST_DAILY_CAP = 10;

// Workspace settings are free-form jsonb: read the two keys defensively.
const digestSettingsSchema = z.object({
  digest_recipients: z.array(z.email()).catch([]).default([]),
  digest_daily_cap: z.number().int().min(0).catch(DEFAULT_DIGEST_DAILY_CAP).default(DEFAULT_DIGEST_DAILY_CAP),
});

export function digestSettingsOf(settings: Record<string, unknown>): { recipients: string[]; dailyCap: number } {
  const parsed = digestSettingsSchema.parse(settings);
  return { recipients: parsed.digest_recipients, dailyCap: parsed.digest_daily_cap };
}

/**
 * Writes the run's digest for one workspace to the outbox, in one transaction with the claims of
 * its alerts on the email channel: only alerts never emailed before are in it, and with none left
 * nothing is written. Over the workspace's daily cap the message is kept unsent with the reason.
 * Returns the stored message (transport "smtp" means it still has to be sent), or null.
 */
export async function storeRunDigest(
  db: Database,
  input: { workspaceId: string; runId: string; date: string; marketplace: string; alerts: RunAlert[] },
): Promise<EmailOutboxRow | null> {
  if (input.alerts.length === 0) return null;
  const settings = notificationSettings();
  const audience = await digestAudience(db, input.workspaceId);
  const { recipients: extra, dailyCap } = digestSettingsOf(audience.settings);
  const recipients = [...new Set([...audience.members, ...extra].map((e) => e.toLowerCase()))].sort();
  if (recipients.length === 0) return null;

  return db.transaction(async (tx) => {
    const claimed = new Set(await claimAlerts(tx, EMAIL_DIGEST_CHANNEL, input.alerts.map((a) => a.id)));
    if (claimed.size === 0) return null;
    const alerts = input.alerts.filter((a) => claimed.has(a.id));
    const content = composeDigest({ workspaceName: audience.name, date: input.date, marketplace: input.marketplace, alerts, appUrl: settings.appUrl });
    const withinCap = await reserveDailySlot(tx, { workspaceId: input.workspaceId, channel: EMAIL_DIGEST_CHANNEL, day: todayUtc(), cap: dailyCap });
    const digestOf = createHash("sha256").update([...claimed].sort().join(",")).digest("hex").slice(0, 16);
    return insertOutboxEmail(tx, {
      workspaceId: input.workspaceId,
      // One digest per run; a later re-run that finds new alerts of the same run gets its own.
      dedupeKey: `digest:${input.runId}:${digestOf}`,
      recipients,
      subject: content.subject,
      textBody: content.text,
      htmlBody: content.html,
      transport: settings.mailer.kind === "smtp" && withinCap ? "smtp" : "outbox",
      error: withinCap ? null : `not sent: the daily cap of ${dailyCap} digests was reached`,
    });
  });
}
