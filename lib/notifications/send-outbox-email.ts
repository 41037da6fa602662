import "server-only";
import type { Database } from "@/db/client";
import { getOutboxEmail, markOutboxEmail } from "@/db/queries/email-outbox";
import type { JobMessage } from "@/jobs/queue/queue";
import { notificationSettings } from "./settings";

/** The job that sends one stored message over SMTP. */
export function emailJob(outboxId: string): JobMessage {
  return { name: "email-digest", payload: { outboxId }, dedupeId: `email:${outboxId}` };
}

/**
 * Sends a stored SMTP message unless it was sent already. A failure is written on the row and
 * rethrown so the queue retries with backoff. The Message-ID comes from the row, so if a crash
 * falls between the SMTP server's acceptance and the row update, the resend carries the same id.
 */
export async function sendOutboxEmail(db: Database, outboxId: string): Promise<"sent" | "skipped"> {
  const row = await getOutboxEmail(db, outboxId);
  if (!row || row.sentAt || row.transport !== "smtp") return "skipped";
  const { mailer, emailFrom } = notificationSettings();
  if (mailer.kind !== "smtp") return "skipped";
  try {
    await mailer.send({
      from: emailFrom,
      to: row.recipients,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      messageId: `<${row.id}@shelfwatch>`,
    });
  } catch (error) {
    await markOutboxEmail(db, row.id, { sent: false, error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  await markOutboxEmail(db, row.id, { sent: true });
  return "sent";
}
