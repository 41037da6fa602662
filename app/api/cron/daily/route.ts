// GET /api/cron/daily — schedule entry (Vercel Cron, QStash schedule): Bearer CRON_SECRET, else 401
import { bearerMatches } from "@/lib/auth/bearer-secret";
import { config } from "@/lib/config/env";
import { defineRoute } from "@/lib/http/define-route";
import { Unauthorized } from "@/lib/http/errors";
import { jsonResponse } from "@/lib/http/responses";
import { startDailyRuns } from "@/lib/runs/start-daily";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ route: "/api/cron/daily", access: { kind: "public" } }, async ({ request }) => {
  // Never skipped: without CRON_SECRET configured nobody can call this.
  if (!bearerMatches(request.headers.get("authorization"), config().cronSecret)) throw new Unauthorized("A valid CRON_SECRET bearer token is required.");
  return jsonResponse(await startDailyRuns(), { status: 202 });
});
