// GET /api/v1/runs/{id} — status, chunks done/total, items ok/rejected (with errors), cost, step timings
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { freshJson } from "@/lib/http/responses";
import { getRunDetail } from "@/lib/runs/get-run";
import { getRunContract } from "@/lib/runs/contracts";

export const GET = defineRoute(
  getRunContract,
  async ({ request, params }) => {
    const run = await getRunDetail(params.id);
    if (!run) throw new NotFound(`No run ${params.id}.`);
    return freshJson(request, run, PRIVATE_REVALIDATE);
  },
);
