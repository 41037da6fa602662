import type { Database } from "@/db/client";
import { createPipeline, type Pipeline } from "@/jobs/pipeline";
import type { JobMessage, JobQueue } from "@/jobs/queue/queue";
import { demoProductFor } from "@/jobs/sources/demo/catalog";
import { generateDemoItem } from "@/jobs/sources/demo/generator";
import type { ProductSource } from "@/jobs/sources/source";

/** A product source over the demo generator that counts fetches and can be told to misbehave. */
export function countingSource(opts: { failFirst?: number; extraItems?: unknown[]; costPerItem?: number; estimatePerItem?: number } = {}) {
  const calls: string[][] = [];
  let failures = opts.failFirst ?? 0;
  const source: ProductSource & { calls: string[][] } = {
    name: "demo",
    calls,
    async fetch({ asins, date, marketplace }) {
      calls.push(asins);
      if (failures > 0) {
        failures -= 1;
        throw new Error("scraper unavailable (test)");
      }
      const items: unknown[] = asins.map((asin) => generateDemoItem(demoProductFor(asin), date, marketplace));
      return { items: [...items, ...(opts.extraItems ?? [])], costUsd: (opts.costPerItem ?? 0) * asins.length };
    },
    estimateCostUsd: (n) => (opts.estimatePerItem ?? 0) * n,
  };
  return source;
}

/** A queue that only records what it is asked to run (to stop a pipeline between steps). */
export function recordingQueue(): JobQueue & { messages: JobMessage[] } {
  const messages: JobMessage[] = [];
  return { kind: "local", messages, enqueue: async (m) => void messages.push(...m) };
}

export function testPipeline(db: Database, source: ProductSource, queue?: JobQueue): Pipeline {
  return createPipeline({ db, source, queue, concurrency: 2, backfill: true });
}
