import { getReport } from "@/db/queries/reports";
import { reportWriter } from "@/lib/llm/writer";
import { generateReport } from "@/lib/reports/generate-report";
import type { Pipeline } from "./pipeline";

/** The report job: writes a report that POST …/reports stored as pending (202). A report already claimed is left alone. */
export async function runReport(p: Pipeline, input: { reportId: string }): Promise<void> {
  const report = await getReport(p.db, input.reportId);
  if (!report || report.status !== "pending") return;
  await generateReport(p.db, report, reportWriter(), { pipeline: p });
}
