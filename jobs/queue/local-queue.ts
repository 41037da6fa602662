import PQueue from "p-queue";
import pRetry from "p-retry";
import { logger } from "@/lib/observability/logger";
import type { JobMessage, JobQueue } from "./queue";

export interface LocalQueue extends JobQueue {
  /** Resolves when nothing is queued or running. */
  drain(): Promise<void>;
}

export interface LocalQueueOptions {
  concurrency: number;
  handle: (message: JobMessage) => Promise<void>;
  /** Attempts per message, with exponential backoff between them (QStash retries the same way). */
  attempts?: number;
  minBackoffMs?: number;
}

/**
 * The embedded queue: jobs run in this process with bounded concurrency and retries. Progress
 * lives in Postgres (run_chunks), so a restart resumes unfinished work (see resume-runs.ts).
 * A message whose dedupeId is already queued or running is dropped, like QStash deduplication.
 */
export function createLocalQueue(opts: LocalQueueOptions): LocalQueue {
  const queue = new PQueue({ concurrency: opts.concurrency });
  const pending = new Set<string>();
  const log = logger().child({ component: "local-queue" });

  const run = async (message: JobMessage) => {
    // Yield to the event loop first: embedded PGlite answers within microtasks, so back-to-back
    // jobs would otherwise keep HTTP requests (a run's own progress polls) waiting until the queue drains.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await pRetry(() => opts.handle(message), {
        retries: (opts.attempts ?? 5) - 1,
        minTimeout: opts.minBackoffMs ?? 500,
        factor: 2,
        onFailedAttempt: (error) =>
          log.warn({ job: message.name, dedupe_id: message.dedupeId, attempt: error.attemptNumber, retries_left: error.retriesLeft, err: error }, "job attempt failed"),
      });
    } catch (error) {
      log.error({ job: message.name, dedupe_id: message.dedupeId, err: error }, "job failed after all attempts");
    } finally {
      pending.delete(message.dedupeId);
    }
  };

  return {
    kind: "local",
    async enqueue(messages) {
      for (const message of messages) {
        if (pending.has(message.dedupeId)) continue;
        pending.add(message.dedupeId);
        if (!message.delaySeconds) {
          void queue.add(() => run(message));
          continue;
        }
        // A delayed message waits on an unref'd timer: it neither holds a script open nor counts
        // for drain(). Its state is in Postgres, so work lost to a restart is found again there.
        setTimeout(() => void queue.add(() => run(message)), message.delaySeconds * 1000).unref();
      }
    },
    drain: () => queue.onIdle(),
  };
}
