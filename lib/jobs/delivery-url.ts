import type { JobName } from "@/jobs/queue/queue";

/**
 * Where QStash delivers a job, and so the exact URL its signature is made for: the publisher and
 * the verifier both build it here, from APP_URL (behind a proxy, request.url may name another host).
 */
export function jobDeliveryUrl(appUrl: string, job: JobName | string): string {
  return `${appUrl.replace(/\/$/, "")}/api/jobs/${job}`;
}
