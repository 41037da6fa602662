import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { alerts, emailOutbox, memberships, products, users, workspaces, type Alert, type EmailOutboxRow } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

/** Workspaces with alerts from this run; one indexed probe per workspace on (workspace, date). */
export function workspacesWithRunAlerts(db: Database, input: { runId: string; date: string }): Promise<string[]> {
  return timedQuery("app.alerts.workspaces_of_run", async () => {
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select w.id from app.workspaces w
          where exists (select 1 from app.alerts a where a.workspace_id = w.id and a.date = ${input.date} and a.run_id = ${input.runId})`,
    );
    return rows.map((r) => r.id);
  });
}

export type RunAlert = Alert & { title: string | null };

/** A workspace's alerts from one run with their product titles, by ASIN. */
export function runAlertsOfWorkspace(db: Database, input: { workspaceId: string; runId: string; date: string }): Promise<RunAlert[]> {
  return timedQuery("app.alerts.of_run", async () => {
    const rows = await db
      .select({ alert: alerts, title: products.title })
      .from(alerts)
      .leftJoin(products, and(eq(products.asin, alerts.asin), eq(products.marketplace, alerts.marketplace)))
      .where(and(eq(alerts.workspaceId, input.workspaceId), eq(alerts.date, input.date), eq(alerts.runId, input.runId)))
      .orderBy(alerts.asin, alerts.metric, alerts.id);
    return rows.map((r) => ({ ...r.alert, title: r.title }));
  });
}

/**
 * Who gets the digest: the workspace's admins and analysts, plus `digest_recipients` from its
 * settings; and its `digest_daily_cap` setting (null when unset).
 */
export function digestAudience(db: Database, workspaceId: string): Promise<{ name: string; members: string[]; settings: Record<string, unknown> }> {
  return timedQuery("app.email.digest_audience", async () => {
    const [members, [ws]] = await Promise.all([
      db
        .select({ email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, ["admin", "analyst"]))),
      db.select({ name: workspaces.name, settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    ]);
    return { name: ws?.name ?? "", members: members.map((m) => m.email), settings: ws?.settings ?? {} };
  });
}

/** Merges keys into a workspace's settings (other keys are kept). */
export function mergeWorkspaceSettings(db: Database, workspaceId: string, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  return timedQuery("app.workspaces.merge_settings", async () => {
    const [row] = await db
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || ${JSON.stringify(patch)}::jsonb` })
      .where(eq(workspaces.id, workspaceId))
      .returning({ settings: workspaces.settings });
    return row?.settings ?? {};
  });
}

/**
 * Takes one of the channel's `cap` messages for the day; false when the cap is reached. One
 * conditional upsert, so concurrent senders cannot both take the last slot.
 */
export function reserveDailySlot(db: Database, input: { workspaceId: string; channel: string; day: string; cap: number }): Promise<boolean> {
  return timedQuery("app.notification_daily_counts.reserve", async () => {
    if (input.cap <= 0) return false;
    const rows = await queryRows<{ sent: number }>(
      db,
      sql`insert into app.notification_daily_counts as c (workspace_id, channel, day, sent)
          values (${input.workspaceId}, ${input.channel}, ${input.day}, 1)
          on conflict (workspace_id, channel, day) do update set sent = c.sent + 1 where c.sent < ${input.cap}
          returning sent`,
    );
    return rows.length > 0;
  });
}

export type NewOutboxEmail = Omit<typeof emailOutbox.$inferInsert, "id" | "createdAt" | "sentAt">;

/** Stores a message once per (workspace, dedupe key); null when it was stored before. */
export function insertOutboxEmail(db: Database, email: NewOutboxEmail): Promise<EmailOutboxRow | null> {
  return timedQuery("app.email_outbox.insert", async () => {
    const [row] = await db.insert(emailOutbox).values(email).onConflictDoNothing({ target: [emailOutbox.workspaceId, emailOutbox.dedupeKey] }).returning();
    return row ?? null;
  });
}

export function getOutboxEmail(db: Database, id: string): Promise<EmailOutboxRow | null> {
  return timedQuery("app.email_outbox.get", async () => {
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    return row ?? null;
  });
}

export function markOutboxEmail(db: Database, id: string, outcome: { sent: true } | { sent: false; error: string }): Promise<void> {
  return timedQuery("app.email_outbox.mark", async () => {
    await db
      .update(emailOutbox)
      .set(outcome.sent ? { sentAt: new Date(), error: null } : { error: outcome.error })
      .where(and(eq(emailOutbox.id, id), isNull(emailOutbox.sentAt)));
  });
}

/** SMTP mail not sent yet, created between `since` (older mail is given up on) and `before`. */
export function unsentSmtpEmails(db: Database, input: { since: Date; before: Date; limit: number }): Promise<string[]> {
  return timedQuery("app.email_outbox.unsent", async () => {
    const rows = await db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(isNull(emailOutbox.sentAt), eq(emailOutbox.transport, "smtp"), gt(emailOutbox.createdAt, input.since), lt(emailOutbox.createdAt, input.before)))
      .limit(input.limit);
    return rows.map((r) => r.id);
  });
}

/** The workspace's newest messages, for the dashboard and GET /email-outbox. */
export function listOutboxEmails(db: Database, input: { workspaceId: string; limit: number }): Promise<EmailOutboxRow[]> {
  return timedQuery("app.email_outbox.list", () =>
    db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, input.workspaceId)).orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id)).limit(input.limit),
  );
}
