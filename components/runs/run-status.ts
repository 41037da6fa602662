/** Statuses after which a run no longer changes: polling stops there. */
export const FINISHED_RUN_STATUSES = new Set(["succeeded", "failed", "refused"]);

export function runStatusClass(status: string): string {
  if (status === "succeeded") return "badge ok";
  if (status === "failed" || status === "refused") return "badge";
  return "badge warn";
}

/** Percent of chunks done; a run with no chunks yet is at 0, a finished run at 100. */
export function runProgressPct(run: { status: string; chunks: { done: number; total: number } }): number {
  if (run.chunks.total === 0) return FINISHED_RUN_STATUSES.has(run.status) ? 100 : 0;
  return Math.min(100, Math.round((run.chunks.done / run.chunks.total) * 100));
}
