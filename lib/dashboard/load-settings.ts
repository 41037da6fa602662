import "server-only";
import { getDb } from "@/db/client";
import { listWorkspaceMembers } from "@/db/queries/workspace-settings";
import { listAlertRules } from "@/lib/alerts/list-alert-rules";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { roleAllows, type Principal } from "@/lib/auth/roles";
import { addDays, todayUtc } from "@/lib/dates";
import { listOutbox } from "@/lib/notifications/list-outbox";
import { listWebhooks } from "@/lib/notifications/list-webhooks";
import { getUsage } from "@/lib/usage/get-usage";

const USAGE_DAYS = 30;
const OUTBOX_SHOWN = 20;

/** Reads an admin-only section for admins; other roles get null and the query never runs. */
function adminOnly<T>(admin: boolean, read: () => Promise<T>): Promise<T | null> {
  return admin ? read() : Promise.resolve(null);
}

/** The settings page's reads, all in parallel. */
export async function loadSettings(principal: Principal) {
  const db = await getDb();
  const admin = roleAllows(principal.role, "admin");
  const workspaceId = principal.workspaceId;
  const today = todayUtc();
  const [rules, members, keys, webhooks, outbox, usage] = await Promise.all([
    listAlertRules({ workspaceId, limit: 200 }),
    listWorkspaceMembers(db, workspaceId),
    adminOnly(admin, () => listApiKeys({ workspaceId, limit: 200 })),
    adminOnly(admin, () => listWebhooks({ workspaceId })),
    adminOnly(admin, () => listOutbox({ workspaceId, limit: OUTBOX_SHOWN })),
    adminOnly(admin, () => getUsage({ workspaceId, from: addDays(today, -(USAGE_DAYS - 1)), to: today })),
  ]);
  return {
    rules: rules.items,
    members: members.map((m) => ({ ...m, since: m.since.toISOString() })),
    apiKeys: keys?.items ?? null,
    webhooks: webhooks?.items ?? null,
    outbox: outbox?.items ?? null,
    usage,
  };
}
