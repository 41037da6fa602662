import { z } from "zod";
import { processChunk } from "./chunk";
import { deliverWebhook } from "./deliver-webhook";
import { finalizeRun } from "./finalize";
import { defaultPipeline, type Pipeline } from "./pipeline";
import type { JobName } from "./queue/queue";
import { runReport } from "./report";
import { sendEmail } from "./send-email";
import { runWeeklyReport } from "./weekly-report";

const chunkPayload = z.object({ runId: z.uuid(), chunkNo: z.number().int().min(0) });
const finalizePayload = z.object({ runId: z.uuid() });
const reportPayload = z.object({ reportId: z.uuid() });
const weeklyReportPayload = z.object({ competitionId: z.uuid(), workspaceId: z.uuid(), dedupeKey: z.string().regex(/^weekly:\d{4}-W\d{2}$/) });
const webhookDeliveryPayload = z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1) });
const emailPayload = z.object({ outboxId: z.uuid() });

/** Runs one delivered job on the given pipeline. A malformed payload is an error, not a retry loop. */
export async function runJobWith(p: Pipeline, name: JobName, payload: unknown): Promise<void> {
  switch (name) {
    case "chunk":
      return processChunk(p, chunkPayload.parse(payload));
    case "finalize":
      return finalizeRun(p, finalizePayload.parse(payload));
    case "report":
      return runReport(p, reportPayload.parse(payload));
    case "weekly-report":
      return runWeeklyReport(p, weeklyReportPayload.parse(payload));
    case "webhook-delivery":
      return deliverWebhook(p, webhookDeliveryPayload.parse(payload));
    case "email-digest":
      return sendEmail(p, emailPayload.parse(payload));
  }
}

/** Runs one delivered job on the process's pipeline (QStash deliveries arrive here). */
export async function runJob(name: JobName, payload: unknown): Promise<void> {
  return runJobWith(await defaultPipeline(), name, payload);
}
