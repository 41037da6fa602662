import "server-only";
import { getDb } from "@/db/client";
import { logger } from "@/lib/observability/logger";
import { generateReport } from "./generate-report";
import { presentReport } from "./present";
import { requestReport } from "./request-report";

/**
 * Starts a report and returns it as Server-Sent Events while it is written: `report` (id, model),
 * `delta` ({ text }) per piece, then `done` (the stored report with its number check) or `error`.
 * The budget and the competition are checked before the stream starts, so those refusals are
 * ordinary problem+json answers. A client that disconnects stops receiving, not the writing: the
 * report is still finished and stored.
 */
export async function streamReport(input: { workspaceId: string; competitionId: string }): Promise<{ id: string; stream: ReadableStream<Uint8Array> }> {
  const db = await getDb();
  const { report, writer } = (await requestReport(db, { ...input, trigger: "api" }))!;
  const encoder = new TextEncoder();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        } catch {
          open = false;
        }
      };
      send("report", { id: report.id, model: report.model, status: "streaming" });
      void generateReport(db, report, writer, { onDelta: (text) => send("delta", { text }) })
        .then((done) => send(done.status === "succeeded" ? "done" : "error", presentReport(done, { facts: false })))
        .catch((error: unknown) => {
          logger().error({ report_id: report.id, err: error }, "report stream failed");
          send("error", { id: report.id, status: "failed", error: "The report could not be stored." });
        })
        .finally(() => {
          if (!open) return;
          open = false;
          controller.close();
        });
    },
    cancel() {
      open = false;
    },
  });
  return { id: report.id, stream };
}
