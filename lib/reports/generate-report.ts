import type { Database } from "@/db/client";
import { claimReport, failReport, finishReport, getReport, type Report } from "@/db/queries/reports";
import { recordUsage } from "@/db/queries/usage";
import type { JobQueue } from "@/jobs/queue/queue";
import { bumpVersion } from "@/lib/cache/data-version";
import { todayUtc } from "@/lib/dates";
import { emitEvent } from "@/lib/events/emit";
import type { ReportUsage, ReportWriter } from "@/lib/llm/writer";
import { logger } from "@/lib/observability/logger";
import type { ReportFacts } from "./facts";
import { checkNumbers } from "./number-check";

export interface GenerateOptions {
  /** Each piece of text as it is written (the event stream). */
  onDelta?: (text: string) => void;
  /** Where report.ready is emitted; default: the process's pipeline. */
  pipeline?: { db: Database; queue: JobQueue };
}

// Provider errors can carry request details; the stored and shown message is the first line, bounded.
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);

async function recordSpend(db: Database, report: Report, usage: ReportUsage): Promise<void> {
  if (usage.costUsd <= 0 && usage.inputTokens + usage.outputTokens === 0) return;
  await recordUsage(db, {
    day: todayUtc(),
    kind: "llm",
    amountUsd: usage.costUsd,
    workspaceId: report.workspaceId,
    reportId: report.id,
    quantity: usage.inputTokens + usage.outputTokens,
    details: { model: report.model, input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  });
}

/**
 * Writes a pending report: streams the writer's text (to `onDelta` as it comes), checks every
 * number against the facts, stores text, tokens, cost and the check, records the spend in
 * usage_costs and emits report.ready. A report someone else already claimed is returned as it
 * stands; a writer error leaves the report failed (with what was written so far), never thrown.
 */
export async function generateReport(db: Database, report: Report, writer: ReportWriter, opts: GenerateOptions = {}): Promise<Report> {
  const claimed = await claimReport(db, report.id);
  if (!claimed) return (await getReport(db, report.id)) ?? report;
  await bumpVersion(`ws:${report.workspaceId}`);
  const facts = claimed.facts as ReportFacts;
  const draft = writer.write(facts);
  let content = "";
  let done: Report | null;
  try {
    for await (const text of draft.textStream) {
      content += text;
      opts.onDelta?.(text);
    }
    const usage = await draft.usage();
    const check = checkNumbers(content, facts);
    done = await finishReport(db, report.id, { content, ...usage, numberCheck: check, numberCheckPassed: check.passed });
    await recordSpend(db, claimed, usage);
  } catch (error) {
    // The stream has ended (or was closed by the loop), so usage has settled: tokens spent before the error.
    const usage = await draft.usage().catch(() => ({ inputTokens: 0, outputTokens: 0, costUsd: 0 }));
    done = await failReport(db, report.id, { content, error: errorMessage(error), ...usage });
    await recordSpend(db, claimed, usage);
    logger().warn({ report_id: report.id, err: error }, "report generation failed");
  }
  await bumpVersion(`ws:${report.workspaceId}`);
  // The competition (and so the report) was deleted while it was written: nothing to announce.
  if (!done) return { ...claimed, status: "failed", content, error: "The competition was deleted while the report was written." };
  if (done.status === "succeeded") {
    const data = { report_id: done.id, competition_id: done.competitionId, model: done.model, flagged: done.numberCheckPassed === false, url: `/api/v1/reports/${done.id}` };
    await emitEvent(done.workspaceId, "report.ready", data, { pipeline: opts.pipeline, key: `report.ready:${done.id}` }).catch((error) =>
      logger().error({ report_id: done.id, err: error }, "report.ready could not be emitted"),
    );
  }
  return done;
}
