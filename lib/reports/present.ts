import type { Report } from "@/db/queries/reports";
import type { ReportFacts } from "./facts";
import type { NumberCheck } from "./number-check";
import type { ReportSummaryView, ReportView } from "./responses";

/**
 * A report as the API shows it. `flagged` is true when the number check found a figure that is not
 * in the facts: such a report is shown with its findings, never as clean.
 */
export function presentReport(r: Report): ReportView;
export function presentReport(r: Report, opts: { facts: false }): ReportSummaryView;
export function presentReport(r: Report, opts: { facts?: boolean } = { facts: true }): ReportView | ReportSummaryView {
  const summary: ReportSummaryView = {
    id: r.id,
    competition_id: r.competitionId,
    status: r.status,
    trigger: r.trigger,
    model: r.model,
    content: r.content,
    // Both jsonb columns hold what request-report and the number check wrote.
    number_check: (r.numberCheck ?? null) as NumberCheck | null,
    flagged: r.numberCheckPassed === false,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    cost_usd: r.costUsd === null ? null : Number(r.costUsd),
    error: r.error,
    created_at: r.createdAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
  return opts.facts ? { ...summary, facts: r.facts as ReportFacts } : summary;
}

export type PresentedReport = ReportSummaryView;
