export const JOB_NAMES = ["chunk", "finalize", "webhook-delivery", "email-digest", "report", "weekly-report"] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobMessage {
  name: JobName;
  payload: Record<string, unknown>;
  /** Same work, same id: a queue that supports it delivers a duplicate once (run:chunk). */
  dedupeId: string;
  /** Run no sooner than this many seconds from now (webhook retries back off this way). */
  delaySeconds?: number;
}

/** Fan-out of pipeline jobs: in process (state in Postgres) or QStash (signed HTTP deliveries). */
export interface JobQueue {
  readonly kind: "local" | "qstash";
  enqueue(messages: JobMessage[]): Promise<void>;
}

export function isJobName(value: string): value is JobName {
  return (JOB_NAMES as readonly string[]).includes(value);
}
