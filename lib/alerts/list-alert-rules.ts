import "server-only";
import { getDb } from "@/db/client";
import { ensureDefaultAlertRules, listAlertRules as listAlertRuleRows } from "@/db/queries/alert-rules";
import { bumpVersion } from "@/lib/cache/data-version";
import { Invalid } from "@/lib/http/errors";
import { presentAlertRule } from "./present";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Opaque to clients; inside, the keyset position (creation time in µs, id) of the previous page's last rule.
function decodeCursor(raw: string): { createdMicros: string; id: string } {
  try {
    const [createdMicros, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof createdMicros === "string" && /^\d{1,18}$/.test(createdMicros) && typeof id === "string" && UUID.test(id)) return { createdMicros, id };
  } catch {
    // fall through to the error below
  }
  throw new Invalid("The cursor is malformed.", [{ path: "query.cursor", message: "invalid cursor" }]);
}

/** The workspace's rules, oldest first; a workspace that never had rules gets the defaults first. */
export async function listAlertRules(input: { workspaceId: string; limit: number; cursor?: string }) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const db = await getDb();
  if ((await ensureDefaultAlertRules(db, input.workspaceId)) > 0) await bumpVersion(`ws:${input.workspaceId}`);
  const rows = await listAlertRuleRows(db, { workspaceId: input.workspaceId, limit: input.limit, after });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => presentAlertRule(r.rule)),
    next_cursor: rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.createdMicros, last.rule.id])).toString("base64url") : null,
  };
}
