import { sql } from "drizzle-orm";
import {
  bigserial, check, date, index, integer, jsonb, numeric, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";

// Raw scrape data and run bookkeeping. Raw payloads are kept so a day can be re-normalized
// (replay) without paying the scraper again.
export const staging = pgSchema("staging");

export const runStatus = staging.enum("run_status", ["planned", "running", "finalizing", "succeeded", "failed", "refused"]);
export const chunkStatus = staging.enum("chunk_status", ["pending", "running", "done", "failed"]);
export const rawEventStatus = staging.enum("raw_event_status", ["pending", "ok", "rejected"]);

export const ingestRuns = staging.table(
  "ingest_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runDate: date("run_date", { mode: "string" }).notNull(),
    marketplace: text("marketplace").notNull(),
    source: text("source").notNull(),
    status: runStatus("status").notNull().default("planned"),
    chunksTotal: integer("chunks_total").notNull().default(0),
    chunksDone: integer("chunks_done").notNull().default(0),
    itemsOk: integer("items_ok").notNull().default(0),
    itemsRejected: integer("items_rejected").notNull().default(0),
    costUsd: numeric("cost_usd", { precision: 12, scale: 4 }).notNull().default("0"),
    /** Milliseconds per step: { plan, fetch, normalize, finalize, … }. */
    stepTimings: jsonb("step_timings").$type<Record<string, number>>().notNull().default({}),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // One run per (date, marketplace): asking for the same day twice returns the same run.
    uniqueIndex("ingest_runs_date_marketplace_key").on(t.runDate, t.marketplace),
    index("ingest_runs_created_at_idx").on(t.createdAt),
    check("ingest_runs_chunks_done_check", sql`${t.chunksDone} <= ${t.chunksTotal}`),
  ],
);

export const runChunks = staging.table(
  "run_chunks",
  {
    runId: uuid("run_id").notNull().references(() => ingestRuns.id, { onDelete: "cascade" }),
    chunkNo: integer("chunk_no").notNull(),
    asins: text("asins").array().notNull(),
    status: chunkStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    itemsOk: integer("items_ok").notNull().default(0),
    itemsRejected: integer("items_rejected").notNull().default(0),
    error: text("error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.chunkNo] }),
    index("run_chunks_status_idx").on(t.status, t.nextAttemptAt),
  ],
);

export const rawEvents = staging.table(
  "raw_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id").notNull().references(() => ingestRuns.id, { onDelete: "cascade" }),
    chunkNo: integer("chunk_no").notNull(),
    /** As scraped; null when the item carried no readable ASIN. */
    asin: text("asin"),
    payload: jsonb("payload").notNull(),
    status: rawEventStatus("status").notNull().default("pending"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("raw_events_run_chunk_idx").on(t.runId, t.chunkNo),
    index("raw_events_rejected_idx").on(t.runId).where(sql`${t.status} = 'rejected'`),
  ],
);

export type IngestRun = typeof ingestRuns.$inferSelect;
export type RunChunk = typeof runChunks.$inferSelect;
export type RawEvent = typeof rawEvents.$inferSelect;
