import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notificationChannels, trackedProducts, type NotificationChannel } from "@/db/schema";
import { timedQuery } from "@/lib/observability/metrics";

export function insertWebhook(db: Database, input: { workspaceId: string; url: string; events: string[]; secret: string }): Promise<NotificationChannel> {
  return timedQuery("app.webhooks.insert", async () => {
    const [row] = await db
      .insert(notificationChannels)
      .values({ workspaceId: input.workspaceId, kind: "webhook", target: input.url, secret: input.secret, events: input.events })
      .returning();
    return row!;
  });
}

/** The workspace's webhook endpoints, newest first (a workspace has a handful). */
export function listWebhooks(db: Database, workspaceId: string): Promise<NotificationChannel[]> {
  return timedQuery("app.webhooks.list", () =>
    db
      .select()
      .from(notificationChannels)
      .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.kind, "webhook")))
      .orderBy(desc(notificationChannels.createdAt), desc(notificationChannels.id)),
  );
}

export function getWebhook(db: Database, workspaceId: string, id: string): Promise<NotificationChannel | null> {
  return timedQuery("app.webhooks.get", async () => {
    const [row] = await db
      .select()
      .from(notificationChannels)
      .where(and(eq(notificationChannels.id, id), eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.kind, "webhook")));
    return row ?? null;
  });
}

/** Deletes an endpoint with its deliveries and attempts; false when the workspace has no such endpoint. */
export function deleteWebhook(db: Database, workspaceId: string, id: string): Promise<boolean> {
  return timedQuery("app.webhooks.delete", async () => {
    const rows = await db
      .delete(notificationChannels)
      .where(and(eq(notificationChannels.id, id), eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.kind, "webhook")))
      .returning({ id: notificationChannels.id });
    return rows.length > 0;
  });
}

/** Enabled endpoints of the workspace that subscribed to this event. */
export function subscribedWebhooks(db: Database, workspaceId: string, eventType: string): Promise<NotificationChannel[]> {
  return timedQuery("app.webhooks.subscribed", () =>
    db
      .select()
      .from(notificationChannels)
      .where(
        and(
          eq(notificationChannels.workspaceId, workspaceId),
          eq(notificationChannels.kind, "webhook"),
          eq(notificationChannels.enabled, true),
          sql`${eventType} = any(${notificationChannels.events})`,
        ),
      ),
  );
}

/** Workspaces with an enabled endpoint for this event that track something in the marketplace. */
export function workspacesSubscribedIn(db: Database, input: { eventType: string; marketplace: string }): Promise<string[]> {
  return timedQuery("app.webhooks.workspaces_subscribed_in", async () => {
    const rows = await db
      .selectDistinct({ workspaceId: notificationChannels.workspaceId })
      .from(notificationChannels)
      .where(
        and(
          eq(notificationChannels.kind, "webhook"),
          eq(notificationChannels.enabled, true),
          sql`${input.eventType} = any(${notificationChannels.events})`,
          sql`exists (select 1 from ${trackedProducts} t where t.workspace_id = ${notificationChannels.workspaceId} and t.marketplace = ${input.marketplace})`,
        ),
      );
    return rows.map((r) => r.workspaceId);
  });
}

/**
 * Counts an attempt's outcome on its endpoint: a success resets the failure count and re-enables
 * it; a failure adds one and disables the endpoint at `disableAfter`, with the reason to show.
 */
export function recordEndpointOutcome(
  db: Database,
  input: { channelId: string; ok: boolean; failure?: string; disableAfter: number },
): Promise<{ disabled: boolean }> {
  return timedQuery("app.webhooks.record_outcome", async () => {
    if (input.ok) {
      await db
        .update(notificationChannels)
        .set({ consecutiveFailures: 0, enabled: true, disabledReason: null })
        .where(eq(notificationChannels.id, input.channelId));
      return { disabled: false };
    }
    const failures = sql`${notificationChannels.consecutiveFailures} + 1`;
    const reason = `Disabled after ${input.disableAfter} consecutive failed attempts; the last: ${input.failure ?? "unknown error"} at ${new Date().toISOString()}. A successful test or redelivery enables it again.`;
    const [row] = await db
      .update(notificationChannels)
      .set({
        consecutiveFailures: failures,
        enabled: sql`${notificationChannels.enabled} and ${failures} < ${input.disableAfter}`,
        disabledReason: sql`case when ${notificationChannels.enabled} and ${failures} >= ${input.disableAfter} then ${reason} else ${notificationChannels.disabledReason} end`,
      })
      .where(eq(notificationChannels.id, input.channelId))
      .returning({ enabled: notificationChannels.enabled });
    return { disabled: row ? !row.enabled : false };
  });
}
