import "server-only";
import { NotFound } from "@/lib/http/errors";
import { getRunDetail } from "@/lib/runs/get-run";
import { listRuns } from "@/lib/runs/list-runs";
import type { presentRun } from "@/lib/runs/present";
import { idArgsSchema, pageArgsSchema, parseArgs } from "../args";
import { snakeCaseFields } from "./snake-case-fields";

type PresentedRun = ReturnType<typeof presentRun>;
type RunDetail = NonNullable<Awaited<ReturnType<typeof getRunDetail>>>;

// Runs are global (one ETL serves every workspace) and not cached: progress changes by the second.
export const runResolvers = {
  Query: {
    async runs(_: unknown, args: unknown) {
      const input = parseArgs(pageArgsSchema, args);
      const page = await listRuns({ limit: input.first, cursor: input.after });
      return { items: page.items, nextCursor: page.next_cursor };
    },

    async run(_: unknown, args: unknown) {
      const { id } = parseArgs(idArgsSchema, args);
      const detail = await getRunDetail(id);
      if (!detail) throw new NotFound(`No run ${id}.`);
      return detail;
    },
  },

  Run: {
    ...snakeCaseFields("costUsd", "createdAt", "startedAt", "finishedAt", "durationMs"),
    chunksDone: (run: PresentedRun) => run.chunks.done,
    chunksTotal: (run: PresentedRun) => run.chunks.total,
    itemsOk: (run: PresentedRun) => run.items.ok,
    itemsRejected: (run: PresentedRun) => run.items.rejected,
    stepTimings: (run: PresentedRun) => Object.entries(run.step_timings_ms).map(([step, ms]) => ({ step, ms })),
  },

  RunDetail: {
    run: (detail: RunDetail) => detail,
    rejectedItems: (detail: RunDetail) => detail.rejected_items,
  },
};
