import { HttpError } from "@/lib/http/errors";
import { logger } from "@/lib/observability/logger";
import { generateReport } from "@/lib/reports/generate-report";
import { requestReport } from "@/lib/reports/request-report";
import type { Pipeline } from "./pipeline";

/**
 * The weekly-report job: writes one competition's report for an ISO week. A redelivery finds the
 * week's report (unique per competition and dedupe key) and stops; a refusal (budget spent, no data,
 * competition deleted) is logged and not retried — retrying would not change the answer today.
 */
export async function runWeeklyReport(p: Pipeline, input: { competitionId: string; workspaceId: string; dedupeKey: string }): Promise<void> {
  let requested;
  try {
    requested = await requestReport(p.db, { workspaceId: input.workspaceId, competitionId: input.competitionId, trigger: "weekly", dedupeKey: input.dedupeKey });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    logger().warn({ competition_id: input.competitionId, dedupe_key: input.dedupeKey, reason: error.detail }, "weekly report skipped");
    return;
  }
  if (!requested) return;
  await generateReport(p.db, requested.report, requested.writer, { pipeline: p });
}
