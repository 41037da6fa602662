// npm run schedules — create or update the QStash schedule that calls /api/cron/daily every day.
// Idempotent: a fixed schedule id means running it again updates the same schedule.
import { Client } from "@upstash/qstash";
import { config } from "@/lib/config/env";

const SCHEDULE_ID = "shelfwatch-daily";
const CRON = "0 5 * * *"; // 05:00 UTC: after most marketplaces' midnight, before sellers' mornings

const cfg = config();
if (cfg.queue.kind !== "qstash" || !cfg.cronSecret) {
  console.error("QStash schedules need QSTASH_TOKEN (with its signing keys and APP_URL) and CRON_SECRET.");
  process.exit(2);
}
const client = new Client({ token: cfg.queue.token, baseUrl: cfg.queue.baseUrl });
const destination = `${cfg.queue.appUrl}/api/cron/daily`;
const { scheduleId } = await client.schedules.create({
  scheduleId: SCHEDULE_ID,
  destination,
  cron: CRON,
  method: "GET",
  headers: { Authorization: `Bearer ${cfg.cronSecret}` },
  retries: 3,
});
console.log(`QStash schedule ${scheduleId}: ${CRON} → GET ${destination}`);
