import "server-only";
import { getDb } from "@/db/client";
import { defaultPipeline } from "@/jobs/pipeline";
import { presentReport } from "./present";
import { requestReport } from "./request-report";

/** Job message that writes a pending report; one per report, so a duplicate delivery is dropped. */
export const reportJob = (reportId: string) => ({ name: "report" as const, payload: { reportId }, dedupeId: `report:${reportId}` });

/**
 * Starts a report in the background: stored pending (with its facts) and handed to the queue, so
 * on serverless it is written by its own job delivery rather than after the response was sent.
 */
export async function queueReport(input: { workspaceId: string; competitionId: string }) {
  const { report } = (await requestReport(await getDb(), { ...input, trigger: "api" }))!;
  await (await defaultPipeline()).queue.enqueue([reportJob(report.id)]);
  return presentReport(report, { facts: false });
}
