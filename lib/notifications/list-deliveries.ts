import "server-only";
import { getDb } from "@/db/client";
import { attemptsOf, listDeliveries as listDeliveryRows } from "@/db/queries/deliveries";
import { getWebhook } from "@/db/queries/webhooks";
import { Invalid, NotFound } from "@/lib/http/errors";
import { presentDelivery } from "./present";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Opaque to clients: the (creation microseconds, id) of the previous page's last delivery.
function decodeCursor(raw: string): { createdMicros: string; id: string } {
  try {
    const [createdMicros, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof createdMicros === "string" && /^\d{1,20}$/.test(createdMicros) && typeof id === "string" && UUID.test(id)) return { createdMicros, id };
  } catch {
    // fall through to the error below
  }
  throw new Invalid("The cursor is malformed.", [{ path: "query.cursor", message: "invalid cursor" }]);
}

/** An endpoint's deliveries, newest first, each with every attempt (status, latency, excerpt, next retry). */
export async function listDeliveries(input: { workspaceId: string; webhookId: string; limit: number; cursor?: string }) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const db = await getDb();
  if (!(await getWebhook(db, input.workspaceId, input.webhookId))) throw new NotFound("No such webhook in this workspace.");
  const rows = await listDeliveryRows(db, { channelId: input.webhookId, limit: input.limit, after });
  const page = rows.slice(0, input.limit);
  const attempts = await attemptsOf(db, page.map((r) => r.delivery.id));
  const last = page.at(-1);
  return {
    items: page.map((r) => presentDelivery(r.delivery, attempts.filter((a) => a.deliveryId === r.delivery.id))),
    next_cursor: rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.createdMicros, last.delivery.id])).toString("base64url") : null,
  };
}
