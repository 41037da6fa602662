import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { deliveries, deliveryAttempts, notificationChannels, type Delivery, type DeliveryAttempt, type NotificationChannel } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export type NewDelivery = Pick<typeof deliveries.$inferInsert, "channelId" | "eventId" | "eventType" | "payload">;

/** Stores an event for an endpoint; null when this (endpoint, event id) was stored before. */
export function insertDelivery(db: Database, delivery: NewDelivery): Promise<Delivery | null> {
  return timedQuery("app.deliveries.insert", async () => {
    const [row] = await db.insert(deliveries).values(delivery).onConflictDoNothing({ target: [deliveries.channelId, deliveries.eventId] }).returning();
    return row ?? null;
  });
}

export function getDeliveryWithChannel(db: Database, id: string): Promise<{ delivery: Delivery; channel: NotificationChannel } | null> {
  return timedQuery("app.deliveries.get_with_channel", async () => {
    const [row] = await db
      .select({ delivery: deliveries, channel: notificationChannels })
      .from(deliveries)
      .innerJoin(notificationChannels, eq(notificationChannels.id, deliveries.channelId))
      .where(eq(deliveries.id, id));
    return row ?? null;
  });
}

/**
 * Takes attempt `attemptNo` of a delivery — or, without one, the next number (manual redelivery).
 * The unique (delivery, attempt) key lets one worker win; null means another already made it.
 */
export function claimAttempt(db: Database, input: { deliveryId: string; attemptNo?: number; trigger: "auto" | "manual" }): Promise<{ id: string; attemptNo: number } | null> {
  return timedQuery("app.delivery_attempts.claim", async () => {
    const attemptNo =
      input.attemptNo ?? sql`(select coalesce(max(attempt_no), 0) + 1 from app.delivery_attempts where delivery_id = ${input.deliveryId})`;
    const rows = await queryRows<{ id: string; attempt_no: number }>(
      db,
      sql`insert into app.delivery_attempts (delivery_id, attempt_no, trigger)
          values (${input.deliveryId}, ${attemptNo}, ${input.trigger})
          on conflict do nothing
          returning id, attempt_no`,
    );
    return rows[0] ? { id: rows[0].id, attemptNo: rows[0].attempt_no } : null;
  });
}

export interface AttemptOutcome {
  attemptId: string;
  deliveryId: string;
  attemptNo: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  status: "succeeded" | "retrying" | "failed";
  nextRetryAt: Date | null;
}

/** Stores an attempt's result on the attempt and, as the latest word, on its delivery. */
export function finishAttempt(db: Database, o: AttemptOutcome): Promise<Delivery> {
  return timedQuery("app.delivery_attempts.finish", async () => {
    const result = { statusCode: o.statusCode, latencyMs: o.latencyMs, responseExcerpt: o.responseExcerpt, nextRetryAt: o.nextRetryAt };
    return db.transaction(async (tx) => {
      await tx.update(deliveryAttempts).set({ ...result, error: o.error, finishedAt: new Date() }).where(eq(deliveryAttempts.id, o.attemptId));
      const [row] = await tx
        .update(deliveries)
        .set({
          ...result,
          // The stored excerpt says what went wrong when no response came back.
          responseExcerpt: o.responseExcerpt ?? o.error,
          status: o.status,
          attempts: sql`greatest(${deliveries.attempts}, ${o.attemptNo})`,
          updatedAt: new Date(),
        })
        .where(eq(deliveries.id, o.deliveryId))
        .returning();
      return row!;
    });
  });
}

/** Gives up on a delivery without sending it (its endpoint was disabled). */
export function failDelivery(db: Database, id: string, reason: string): Promise<void> {
  return timedQuery("app.deliveries.fail", async () => {
    await db.update(deliveries).set({ status: "failed", responseExcerpt: reason, nextRetryAt: null, updatedAt: new Date() }).where(eq(deliveries.id, id));
  });
}

// Creation time in microseconds: an exact keyset key (a JS Date keeps only milliseconds).
const createdMicros = sql<string>`(extract(epoch from ${deliveries.createdAt}) * 1000000)::bigint::text`;

/** An endpoint's deliveries, newest first, keyset-paged on (creation time, id); one row more than asked. */
export function listDeliveries(
  db: Database,
  input: { channelId: string; limit: number; after?: { createdMicros: string; id: string } },
): Promise<Array<{ delivery: Delivery; createdMicros: string }>> {
  return timedQuery("app.deliveries.list", () =>
    db
      .select({ delivery: deliveries, createdMicros })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.channelId, input.channelId),
          input.after ? sql`(${createdMicros}::bigint, ${deliveries.id}) < (${input.after.createdMicros}::bigint, ${input.after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(sql`${createdMicros}::bigint`), desc(deliveries.id))
      .limit(input.limit + 1),
  );
}

export function attemptsOf(db: Database, deliveryIds: readonly string[]): Promise<DeliveryAttempt[]> {
  return timedQuery("app.delivery_attempts.list", async () => {
    if (deliveryIds.length === 0) return [];
    return db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, [...deliveryIds])).orderBy(deliveryAttempts.attemptNo);
  });
}

/**
 * Deliveries whose next step was lost (a restart emptied the in-process queue, or a crash cut an
 * attempt short): never attempted and older than `staleBefore`, or due for a retry since then.
 * Returns the attempt number each should make next.
 */
export function stalledDeliveries(db: Database, input: { staleBefore: Date; limit: number }): Promise<Array<{ id: string; nextAttempt: number }>> {
  return timedQuery("app.deliveries.stalled", async () => {
    const rows = await db
      .select({
        id: deliveries.id,
        // From the attempts table: an attempt cut short by a crash was claimed, so the next is after it.
        // (Qualified by hand: drizzle leaves a lone table's columns unqualified, and "id" would bind to a.id.)
        nextAttempt: sql<number>`(select coalesce(max(a.attempt_no), 0) + 1 from app.delivery_attempts a where a.delivery_id = "deliveries"."id")::int`,
      })
      .from(deliveries)
      .where(
        or(
          and(eq(deliveries.status, "pending"), lt(deliveries.createdAt, input.staleBefore)),
          and(eq(deliveries.status, "retrying"), or(isNull(deliveries.nextRetryAt), lt(deliveries.nextRetryAt, input.staleBefore))),
        ),
      )
      .limit(input.limit);
    return rows.map((r) => ({ id: r.id, nextAttempt: Number(r.nextAttempt) }));
  });
}
