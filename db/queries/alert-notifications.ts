import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

/**
 * Records that these alerts go to `channel` and returns the ids that had not gone there before.
 * The primary key (alert, channel) is the guarantee: a re-run of a day or a redelivered job
 * claims nothing twice. Call it in the transaction that writes the delivery or the email.
 */
export function claimAlerts(db: Database, channel: string, alertIds: readonly string[]): Promise<string[]> {
  return timedQuery("app.alert_notifications.claim", async () => {
    if (alertIds.length === 0) return [];
    const rows = await queryRows<{ alert_id: string }>(
      db,
      sql`insert into app.alert_notifications (alert_id, channel)
          select unnest(${textArrayLiteral(alertIds)}::uuid[]), ${channel}
          on conflict do nothing
          returning alert_id`,
    );
    return rows.map((r) => r.alert_id);
  });
}
