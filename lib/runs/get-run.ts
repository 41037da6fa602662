import "server-only";
import { getDb } from "@/db/client";
import { rejectedEvents } from "@/db/queries/raw-events";
import { getRun } from "@/db/queries/runs";
import { presentRun } from "./present";

const REJECTED_SHOWN = 100;

/** A run with its first rejected items and their errors; null when unknown. */
export async function getRunDetail(id: string) {
  const db = await getDb();
  const run = await getRun(db, id);
  if (!run) return null;
  const rejected = await rejectedEvents(db, id, REJECTED_SHOWN);
  return {
    ...presentRun(run),
    rejected_items: rejected.map((e) => ({ id: e.id, asin: e.asin, chunk: e.chunkNo, error: e.error })),
  };
}
