import "server-only";
import { getDb } from "@/db/client";
import { getAlertRule, updateAlertRule as updateAlertRuleRow, type AlertRuleValues } from "@/db/queries/alert-rules";
import { bumpVersion } from "@/lib/cache/data-version";
import { Invalid, NotFound } from "@/lib/http/errors";
import { presentAlertRule } from "./present";
import { isNumericMetric, ruleErrors } from "./schemas";

/**
 * Applies a partial change to one of the workspace's rules; the merged rule must be valid. A
 * buy-box or stock rule turned into a numeric one must name its change and threshold: the stored
 * placeholders (abs, 1) would otherwise become a 1-cent price rule nobody asked for.
 */
export async function updateAlertRule(input: { workspaceId: string; id: string; patch: Partial<AlertRuleValues> }) {
  const { workspaceId, id, patch } = input;
  const db = await getDb();
  const existing = await getAlertRule(db, workspaceId, id);
  if (!existing) throw new NotFound(`No alert rule ${id}.`);
  const merged = { ...existing, ...patch };
  const becomesNumeric = patch.metric !== undefined && isNumericMetric(patch.metric) && !isNumericMetric(existing.metric);
  const errors = ruleErrors(becomesNumeric ? { metric: merged.metric, change: patch.change, threshold: patch.threshold } : merged);
  if (errors.length > 0) throw new Invalid(`Invalid body: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`, errors);
  if (Object.keys(patch).length === 0) return presentAlertRule(existing);
  const row = await updateAlertRuleRow(db, workspaceId, id, patch);
  if (!row) throw new NotFound(`No alert rule ${id}.`);
  await bumpVersion(`ws:${workspaceId}`);
  return presentAlertRule(row);
}
