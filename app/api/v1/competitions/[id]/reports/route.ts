// POST /api/v1/competitions/{id}/reports — write a report: Accept: text/event-stream streams it, else 202 with the pending report;
// GET — the competition's reports, newest first
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson, jsonResponse } from "@/lib/http/responses";
import { listReportsContract, requestReportContract } from "@/lib/reports/contracts";
import { listReports } from "@/lib/reports/list-reports";
import { queueReport } from "@/lib/reports/queue-report";
import { wantsEventStream } from "@/lib/reports/schemas";
import { streamReport } from "@/lib/reports/stream-report";

export const dynamic = "force-dynamic";

export const POST = defineRoute(requestReportContract, async ({ request, principal, params }) => {
  const input = { workspaceId: principal!.workspaceId, competitionId: params.id };
  if (wantsEventStream(request)) {
    const { id, stream } = await streamReport(input);
    return new Response(stream, {
      status: 200,
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        // nginx would otherwise buffer the stream and deliver it at the end.
        "X-Accel-Buffering": "no",
        Location: `/api/v1/reports/${id}`,
      },
    });
  }
  const report = await queueReport(input);
  return jsonResponse(report, { status: 202, headers: { Location: `/api/v1/reports/${report.id}` } });
});

export const GET = defineRoute(listReportsContract, async ({ request, principal, params, query }) => {
  const page = await listReports({ workspaceId: principal!.workspaceId, competitionId: params.id, ...query });
  if (!page) throw new NotFound(`No competition ${params.id}.`);
  return conditionalJson(request, page, { cacheControl: PRIVATE_REVALIDATE });
});
