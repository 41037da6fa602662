import "server-only";
import { getDb } from "@/db/client";
import { listAlerts as listAlertRows, type ListAlertsInput as ListAlertRowsInput } from "@/db/queries/alerts";
import { readThrough } from "@/lib/cache/read-through";
import { isIsoDate } from "@/lib/dates";
import { Invalid } from "@/lib/http/errors";
import type { CacheableBody } from "@/lib/http/responses";
import { presentAlert } from "./present";

/** The rows query's input, with the opaque cursor of the API in place of its keyset position. */
export interface ListAlertsInput extends Omit<ListAlertRowsInput, "after"> {
  cursor?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Opaque to clients; inside, the keyset position (date, id) of the previous page's last alert.
// Checked before it reaches SQL, so a forged cursor is a 400, never a database error.
function decodeCursor(raw: string): { date: string; id: string } {
  try {
    const [date, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (isIsoDate(date) && typeof id === "string" && UUID.test(id)) return { date, id };
  } catch {
    // fall through to the error below
  }
  throw new Invalid("The cursor is malformed.", [{ path: "query.cursor", message: "invalid cursor" }]);
}

/**
 * A page of the workspace's alerts, newest day first. Cached per workspace: new alerts (the daily
 * run) and acknowledgements bump the workspace's version, so a page is never stale after either.
 */
export async function listAlerts(input: ListAlertsInput): Promise<CacheableBody> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const key = `alerts:${input.workspaceId}:${input.status}:${input.asin ?? ""}:${input.since ?? ""}:${input.limit}:${input.cursor ?? ""}`;
  const page = await readThrough(key, { scopes: ["data", `ws:${input.workspaceId}`] }, async () => {
    const rows = await listAlertRows(await getDb(), { ...input, after });
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    return {
      items: items.map(presentAlert),
      next_cursor: rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.date, last.id])).toString("base64url") : null,
    };
  });
  // The loader always returns a page, so readThrough never answers "missing" here.
  return page!;
}
