// npm run etl -- --date YYYY-MM-DD [--to YYYY-MM-DD] [--marketplace US] [--replay]
// Runs (or backfills) the daily pipeline for a day or a range in this process, with a progress
// bar; --replay re-normalizes stored days from staging without fetching.
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { openDatabase, migrateDatabase } from "@/db/client";
import { getRun } from "@/db/queries/runs";
import { createPipeline } from "@/jobs/pipeline";
import { planRun } from "@/jobs/plan";
import { replayDay } from "@/jobs/replay";
import { createApifySource } from "@/jobs/sources/apify-source";
import { createDemoSource } from "@/jobs/sources/demo-source";
import { bumpVersion } from "@/lib/cache/data-version";
import { config } from "@/lib/config/env";
import { addDays, daysBetween, isIsoDate, todayUtc } from "@/lib/dates";
import { isMarketplace } from "@/lib/products/marketplaces";

const { values } = parseArgs({
  options: { date: { type: "string" }, to: { type: "string" }, marketplace: { type: "string", default: "US" }, replay: { type: "boolean", default: false } },
});
const from = values.date ?? todayUtc();
const to = values.to ?? from;
const marketplace = values.marketplace!.toUpperCase();
if (!isIsoDate(from) || !isIsoDate(to) || daysBetween(from, to) < 0 || to > todayUtc()) {
  console.error("Usage: npm run etl -- --date YYYY-MM-DD [--to YYYY-MM-DD] [--marketplace US] [--replay]  (dates not in the future, from ≤ to)");
  process.exit(2);
}
if (!isMarketplace(marketplace)) {
  console.error(`Unknown marketplace ${marketplace}.`);
  process.exit(2);
}

const cfg = config();
const handle = await openDatabase(cfg.database);
await migrateDatabase(handle);
// This process runs the steps itself (in-process queue), whatever queue the server uses.
const pipeline = createPipeline({
  db: handle.db,
  source: cfg.source.kind === "apify" ? createApifySource(cfg.source) : createDemoSource(),
  backfill: true,
});
const days = daysBetween(from, to) + 1;
const bar = new SingleBar({ format: "{date} [{bar}] {value}/{total} chunks | {status}", hideCursor: true }, Presets.shades_classic);
let failures = 0;
try {
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    if (values.replay) {
      const result = await replayDay(pipeline, { date, marketplace }, (done, total) => {
        if (done === 1) bar.start(total, 0, { date, status: "replaying" });
        bar.update(done, { date, status: "replaying" });
      });
      bar.stop();
      console.log(result ? `${date}: replayed ${result.ok} ok, ${result.rejected} rejected` : `${date}: no stored run to replay`);
      continue;
    }
    const run = await planRun(pipeline, { date, marketplace });
    bar.start(Math.max(run.chunksTotal, 1), 0, { date, status: run.status });
    const poll = setInterval(async () => {
      const current = await getRun(handle.db, run.id);
      if (current) bar.update(current.chunksDone, { date, status: current.status });
    }, 200);
    await pipeline.drain!();
    clearInterval(poll);
    const done = (await getRun(handle.db, run.id))!;
    bar.update(done.chunksDone, { date, status: done.status });
    bar.stop();
    console.log(`${date}: ${done.status} — ${done.itemsOk} ok, ${done.itemsRejected} rejected, $${Number(done.costUsd).toFixed(4)}${done.error ? ` — ${done.error}` : ""}`);
    if (done.status !== "succeeded") failures += 1;
  }
  await bumpVersion("data");
} finally {
  await handle.close();
}
process.exit(failures > 0 ? 1 : 0);
