import { unfinishedWork } from "@/db/queries/runs";
import type { Pipeline } from "./pipeline";

/**
 * After a restart, the in-process queue is empty but Postgres knows what was left: enqueue the
 * unfinished chunks of every running run, and finalize for runs whose chunks are all done.
 * (QStash keeps its own messages; this is for the local queue.)
 */
export async function resumeUnfinishedRuns(p: Pipeline): Promise<number> {
  let resumed = 0;
  for (const { run, pendingChunks } of await unfinishedWork(p.db)) {
    if (pendingChunks.length > 0) {
      await p.queue.enqueue(pendingChunks.map((chunkNo) => ({ name: "chunk" as const, payload: { runId: run.id, chunkNo }, dedupeId: `${run.id}:${chunkNo}` })));
    } else if (run.chunksDone === run.chunksTotal) {
      await p.queue.enqueue([{ name: "finalize", payload: { runId: run.id }, dedupeId: `${run.id}:finalize` }]);
    }
    resumed += 1;
  }
  return resumed;
}
