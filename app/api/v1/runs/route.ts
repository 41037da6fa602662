// GET /api/v1/runs — ETL runs, newest day first; POST /api/v1/runs — start (or find) the run of a day
import { defineRoute } from "@/lib/http/define-route";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { freshJson, jsonResponse } from "@/lib/http/responses";
import { listRuns } from "@/lib/runs/list-runs";
import { listRunsContract, startRunContract } from "@/lib/runs/contracts";
import { startRun } from "@/lib/runs/start-run";

export const GET = defineRoute(
  listRunsContract,
  async ({ request, query }) => freshJson(request, await listRuns(query), PRIVATE_REVALIDATE),
);

export const POST = defineRoute(
  startRunContract,
  async ({ body }) => {
    const run = await startRun(body);
    return jsonResponse(run, { status: 202, headers: { Location: `/api/v1/runs/${run.id}` } });
  },
);
