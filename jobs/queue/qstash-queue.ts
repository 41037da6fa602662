import { Client } from "@upstash/qstash";
import type { Config } from "@/lib/config/env";
import { jobDeliveryUrl } from "@/lib/jobs/delivery-url";
import type { JobQueue } from "./queue";

export type QStashQueueConfig = Extract<Config["queue"], { kind: "qstash" }>;

// QStash accepts at most 100 messages per batch request.
const BATCH_SIZE = 100;
const DEFAULT_QSTASH_URL = "https://qstash.upstash.io";

/**
 * Fan-out through QStash: each message becomes a signed POST to APP_URL/api/jobs/{name}, retried
 * by QStash on failure. The dedupe id makes a re-enqueued chunk a no-op at QStash.
 */
export function createQStashQueue(cfg: QStashQueueConfig): JobQueue {
  // Everything explicit: given no baseUrl the SDK reads QSTASH_URL/QSTASH_REGION itself, and with
  // devMode unset QSTASH_DEV=true would send jobs to a local dev server instead.
  const client = new Client({ token: cfg.token, baseUrl: cfg.baseUrl ?? DEFAULT_QSTASH_URL, devMode: false });
  return {
    kind: "qstash",
    async enqueue(messages) {
      for (let i = 0; i < messages.length; i += BATCH_SIZE) {
        await client.batchJSON(
          messages.slice(i, i + BATCH_SIZE).map((m) => ({
            url: jobDeliveryUrl(cfg.appUrl, m.name),
            body: m.payload,
            deduplicationId: m.dedupeId,
            ...(m.delaySeconds ? { delay: Math.ceil(m.delaySeconds) } : {}),
            retries: 3,
          })),
        );
      }
    },
  };
}
