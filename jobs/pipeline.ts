import "server-only";
import { getDb, type Database } from "@/db/client";
import { config } from "@/lib/config/env";
import { createLocalQueue, type LocalQueue } from "./queue/local-queue";
import type { JobQueue } from "./queue/queue";
import { createQStashQueue } from "./queue/qstash-queue";
import { createApifySource } from "./sources/apify-source";
import { createDemoSource } from "./sources/demo-source";
import type { ProductSource } from "./sources/source";
import { runJobWith } from "./run-job";

/** What every job step works with: the database, the product source and the queue. */
export interface Pipeline {
  db: Database;
  source: ProductSource;
  queue: JobQueue;
  /** Present for the in-process queue: resolves when every queued job has settled. */
  drain?: () => Promise<void>;
  /** Skip cache pre-warming (backfills of past days). */
  backfill?: boolean;
}

/** A pipeline over explicit parts; with no queue given, an in-process one that runs the steps here. */
export function createPipeline(parts: { db: Database; source: ProductSource; queue?: JobQueue; concurrency?: number; backfill?: boolean }): Pipeline {
  const pipeline: Pipeline = { db: parts.db, source: parts.source, queue: parts.queue!, backfill: parts.backfill };
  if (!parts.queue) {
    const local: LocalQueue = createLocalQueue({
      concurrency: parts.concurrency ?? config().etl.concurrency,
      handle: (message) => runJobWith(pipeline, message.name, message.payload),
    });
    pipeline.queue = local;
    pipeline.drain = () => local.drain();
  }
  return pipeline;
}

const GLOBAL_KEY = Symbol.for("shelfwatch.pipeline");
type GlobalWithPipeline = typeof globalThis & { [GLOBAL_KEY]?: Promise<Pipeline> };

/** The process's pipeline, with the source and queue the environment selects. */
export function defaultPipeline(): Promise<Pipeline> {
  const g = globalThis as GlobalWithPipeline;
  g[GLOBAL_KEY] ??= (async () => {
    const cfg = config();
    const source = cfg.source.kind === "apify" ? createApifySource(cfg.source) : createDemoSource();
    const queue = cfg.queue.kind === "qstash" ? createQStashQueue(cfg.queue) : undefined;
    return createPipeline({ db: await getDb(), source, queue });
  })();
  return g[GLOBAL_KEY];
}
