import { sendOutboxEmail } from "@/lib/notifications/send-outbox-email";
import type { Pipeline } from "./pipeline";

/** Job step: send one stored digest over SMTP; an SMTP failure throws, so the queue retries it. */
export async function sendEmail(p: Pipeline, input: { outboxId: string }): Promise<void> {
  await sendOutboxEmail(p.db, input.outboxId);
}
