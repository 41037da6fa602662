import type { Database } from "@/db/client";
import { getCompetition } from "@/db/queries/competitions";
import { insertReport, type Report } from "@/db/queries/reports";
import { bumpVersion } from "@/lib/cache/data-version";
import { Conflict, NotFound } from "@/lib/http/errors";
import { reportWriter, type ReportWriter } from "@/lib/llm/writer";
import { assertLlmBudget } from "./budget";
import { loadReportFacts } from "./load-facts";

/**
 * Records a pending report of one of the workspace's competitions with the facts of its latest
 * compared day, after the budget check (billable writers only). Returns null when a report with
 * this dedupe key exists already (a redelivered weekly job).
 */
export async function requestReport(
  db: Database,
  input: { workspaceId: string; competitionId: string; trigger: "api" | "weekly"; dedupeKey?: string },
): Promise<{ report: Report; writer: ReportWriter } | null> {
  const competition = await getCompetition(db, input.workspaceId, input.competitionId);
  if (!competition) throw new NotFound(`No competition ${input.competitionId}.`);
  const facts = await loadReportFacts(db, competition);
  if (!facts.as_of) throw new Conflict(`Competition ${input.competitionId} has no comparison data yet; the next daily run fills it.`);
  const writer = reportWriter();
  if (writer.billable) await assertLlmBudget(db, writer.estimateCostUsd(facts));
  const report = await insertReport(db, { workspaceId: input.workspaceId, competitionId: input.competitionId, model: writer.model, facts, trigger: input.trigger, dedupeKey: input.dedupeKey });
  if (!report) return null;
  await bumpVersion(`ws:${input.workspaceId}`);
  return { report, writer };
}
