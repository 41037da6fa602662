import "server-only";
import { getDb } from "@/db/client";
import { ensureDefaultAlertRules, insertAlertRule, type AlertRuleValues } from "@/db/queries/alert-rules";
import { bumpVersion } from "@/lib/cache/data-version";
import { presentAlertRule } from "./present";

/**
 * Adds a rule to the workspace. The defaults are written first: otherwise a workspace whose first
 * rule is one ASIN's would count as "has rules" and never get the price and BSR defaults.
 */
export async function createAlertRule(input: { workspaceId: string; rule: AlertRuleValues }) {
  const db = await getDb();
  await ensureDefaultAlertRules(db, input.workspaceId);
  const row = await insertAlertRule(db, input.workspaceId, input.rule);
  await bumpVersion(`ws:${input.workspaceId}`);
  return presentAlertRule(row);
}
