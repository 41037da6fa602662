import { listWeeklyReportsDue } from "@/db/queries/competitions";
import type { Pipeline } from "./pipeline";

/** ISO 8601 week of a date, e.g. "2026-W48": weekly reports are deduplicated per competition and week. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export const weeklyDedupeKey = (date: string) => `weekly:${isoWeek(date)}`;

/**
 * Enqueues one weekly-report job for each competition of the marketplace that has the weekly report
 * switched on (off by default) and no report for this ISO week yet: the first finalized run of
 * each week writes it, later runs that week find it done.
 */
export async function scheduleWeeklyReports(p: Pipeline, input: { date: string; marketplace: string }): Promise<number> {
  const dedupeKey = weeklyDedupeKey(input.date);
  const due = await listWeeklyReportsDue(p.db, { marketplace: input.marketplace, dedupeKey });
  await p.queue.enqueue(
    due.map((c) => ({ name: "weekly-report" as const, payload: { competitionId: c.id, workspaceId: c.workspaceId, dedupeKey }, dedupeId: `${c.id}:${dedupeKey}` })),
  );
  return due.length;
}
