import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rawEvents, type RawEvent } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

export interface RawEventInput {
  asin: string | null;
  payload: unknown;
  status: "ok" | "rejected";
  error: string | null;
}

/** What an earlier attempt of this chunk already fetched (kept, so a retry never pays twice). */
export function chunkRawEvents(db: Database, runId: string, chunkNo: number): Promise<RawEvent[]> {
  return timedQuery("staging.raw_events.by_chunk", () =>
    db.select().from(rawEvents).where(and(eq(rawEvents.runId, runId), eq(rawEvents.chunkNo, chunkNo))).orderBy(asc(rawEvents.id)),
  );
}

/** Stores a chunk's fetched items in one statement: all or nothing. */
export function insertRawEvents(db: Database, runId: string, chunkNo: number, events: RawEventInput[]): Promise<void> {
  return timedQuery("staging.raw_events.insert", async () => {
    if (events.length === 0) return;
    await db.insert(rawEvents).values(
      // A scraper can emit a bare `null` item; keep it as JSON null (the column is NOT NULL) so it is
      // quarantined like any other malformed item instead of failing the chunk.
      events.map((e) => ({ runId, chunkNo, asin: e.asin, payload: e.payload == null ? sql`'null'::jsonb` : (e.payload as object), status: e.status, error: e.error })),
    );
  });
}

export function rejectedEvents(db: Database, runId: string, limit: number): Promise<Array<Pick<RawEvent, "id" | "asin" | "chunkNo" | "error">>> {
  return timedQuery("staging.raw_events.rejected", () =>
    db
      .select({ id: rawEvents.id, asin: rawEvents.asin, chunkNo: rawEvents.chunkNo, error: rawEvents.error })
      .from(rawEvents)
      .where(and(eq(rawEvents.runId, runId), eq(rawEvents.status, "rejected")))
      .orderBy(asc(rawEvents.id))
      .limit(limit),
  );
}

/** Rewrites the verdicts of stored items after a re-normalization (replay). */
export function updateRawEventVerdicts(db: Database, verdicts: Array<{ id: number; status: "ok" | "rejected"; error: string | null }>): Promise<void> {
  return timedQuery("staging.raw_events.update_verdicts", async () => {
    for (let i = 0; i < verdicts.length; i += 1000) {
      const batch = verdicts.slice(i, i + 1000);
      await db.execute(sql`
        update staging.raw_events r
           set status = v.status::staging.raw_event_status, error = nullif(v.error, '')
          from (select unnest(${`{${batch.map((v) => v.id).join(",")}}`}::bigint[]) as id,
                       unnest(${textArrayLiteral(batch.map((v) => v.status))}::text[]) as status,
                       unnest(${textArrayLiteral(batch.map((v) => v.error ?? ""))}::text[]) as error) v
         where r.id = v.id`);
    }
  });
}

/** Recomputes a run's and its chunks' item counts from the stored verdicts. */
export function recountRunItems(db: Database, runId: string): Promise<void> {
  return timedQuery("staging.runs.recount", async () => {
    await db.execute(sql`
      update staging.run_chunks c
         set items_ok = coalesce(s.ok, 0), items_rejected = coalesce(s.rejected, 0)
        from (select chunk_no, count(*) filter (where status = 'ok')::int as ok, count(*) filter (where status = 'rejected')::int as rejected
                from staging.raw_events where run_id = ${runId} group by chunk_no) s
       where c.run_id = ${runId} and c.chunk_no = s.chunk_no`);
    await db.execute(sql`
      update staging.ingest_runs r
         set items_ok = (select coalesce(sum(items_ok), 0)::int from staging.run_chunks where run_id = ${runId}),
             items_rejected = (select coalesce(sum(items_rejected), 0)::int from staging.run_chunks where run_id = ${runId})
       where r.id = ${runId}`);
  });
}
