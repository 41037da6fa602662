import "server-only";
import { getDb } from "@/db/client";
import { listOutboxEmails } from "@/db/queries/email-outbox";
import { presentOutboxEmail } from "./present";

/** The workspace's newest digests with their state (sent, held in the outbox, not sent and why). */
export async function listOutbox(input: { workspaceId: string; limit: number }) {
  const rows = await listOutboxEmails(await getDb(), input);
  return { items: rows.map(presentOutboxEmail) };
}
