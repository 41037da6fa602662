import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { listAlertInbox } from "@/db/queries/alert-inbox";
import { alertMetric } from "@/db/schema";
import { presentAlert } from "@/lib/alerts/present";
import { isIsoDate } from "@/lib/dates";
import type { InboxAlertView } from "./views";

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The inbox filters as they come in the URL; anything unreadable falls back to the default view. */
export const alertInboxFiltersSchema = z.object({
  status: z.enum(["open", "acknowledged", "all"]).catch("open"),
  metric: z.enum(alertMetric.enumValues).optional().catch(undefined),
  cursor: z.string().max(256).optional().catch(undefined),
});
export type AlertInboxFilters = z.infer<typeof alertInboxFiltersSchema>;

function decodeCursor(raw: string | undefined): { date: string; id: string } | undefined {
  if (!raw) return undefined;
  try {
    const [date, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [unknown, unknown];
    if (isIsoDate(date) && typeof id === "string" && UUID.test(id)) return { date, id };
  } catch {
    // a forged cursor shows the first page
  }
  return undefined;
}

/** One page of the workspace's alert inbox with the cursor of the next. */
export async function loadAlertInbox(input: { workspaceId: string; filters: AlertInboxFilters; asin?: string; limit?: number }) {
  const limit = input.limit ?? PAGE_SIZE;
  const rows = await listAlertInbox(await getDb(), {
    workspaceId: input.workspaceId,
    status: input.filters.status,
    metric: input.filters.metric,
    asin: input.asin,
    limit,
    after: decodeCursor(input.filters.cursor),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.alert;
  const items: InboxAlertView[] = page.map((r) => ({ ...presentAlert(r.alert), title: r.title, currency: r.currency, rule_change: r.ruleChange }));
  return {
    items,
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.date, last.id])).toString("base64url") : null,
  };
}
