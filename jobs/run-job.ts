import { z } from "zod";
import { processChunk } from "./chunk";
import { finalizeRun } from "./finalize";
import { defaultPipeline, type Pipeline } from "./pipeline";
import type { JobName } from "./queue/queue";

const chunkPayload = z.object({ runId: z.uuid(), chunkNo: z.number().int().min(0) });
const finalizePayload = z.object({ runId: z.uuid() });

/** Runs one delivered job on the given pipeline. A malformed payload is an error, not a retry loop. */
export async function runJobWith(p: Pipeline, name: JobName, payload: unknown): Promise<void> {
  switch (name) {
    case "chunk":
      return processChunk(p, chunkPayload.parse(payload));
    case "finalize":
      return finalizeRun(p, finalizePayload.parse(payload));
  }
}

/** Runs one delivered job on the process's pipeline (QStash deliveries arrive here). */
export async function runJob(name: JobName, payload: unknown): Promise<void> {
  return runJobWith(await defaultPipeline(), name, payload);
}
