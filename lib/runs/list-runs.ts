import "server-only";
import { getDb } from "@/db/client";
import { listRuns as listRunRows } from "@/db/queries/runs";
import { isIsoDate } from "@/lib/dates";
import { Invalid } from "@/lib/http/errors";
import { presentRun } from "./present";

function decodeCursor(raw: string): { runDate: string; marketplace: string } {
  try {
    const [runDate, marketplace] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [string, string];
    if (isIsoDate(runDate) && typeof marketplace === "string") return { runDate, marketplace };
  } catch {
    // fall through
  }
  throw new Invalid("The cursor is malformed.", [{ path: "query.cursor", message: "invalid cursor" }]);
}

/** Runs, newest day first. Not cached: run progress changes by the second while a run works. */
export async function listRuns(input: { limit: number; cursor?: string }) {
  const rows = await listRunRows(await getDb(), { limit: input.limit, after: input.cursor ? decodeCursor(input.cursor) : undefined });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentRun),
    next_cursor: rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.runDate, last.marketplace])).toString("base64url") : null,
  };
}
