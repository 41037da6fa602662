import { randomBytes, randomInt } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listOutbox } from "@/app/api/v1/email-outbox/route";
import { GET as getEmailSettings, PUT as putEmailSettings } from "@/app/api/v1/email-settings/route";
import type { Database } from "@/db/client";
import { runAlertsOfWorkspace } from "@/db/queries/email-outbox";
import { insertChunks, upsertRun } from "@/db/queries/runs";
import { ensureMembership, insertUser } from "@/db/queries/workspaces";
import { alertNotifications, alerts, deliveries, emailOutbox, ingestRuns } from "@/db/schema";
import { finalizeRun } from "@/jobs/finalize";
import type { Pipeline } from "@/jobs/pipeline";
import { runJobWith } from "@/jobs/run-job";
import { detectAlerts } from "@/lib/alerts/detect-alerts";
import { addDays } from "@/lib/dates";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { smtpMailer } from "@/lib/notifications/mailer";
import { overrideNotificationSettings } from "@/lib/notifications/settings";
import { storeRunDigest } from "@/lib/notifications/store-digest";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, storeProduct } from "@/test/support/fixtures";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";

const APP_URL = "https://shelfwatch.example.com";
let db: Database;
// One receiver per scenario: run.completed goes to every workspace that tracks products in the
// run's marketplace, including earlier tests' workspaces.
const receivers: WebhookReceiver[] = [];
let receiver: WebhookReceiver;
let sink: SmtpSink;
let restore: () => void;
let queue: ReturnType<typeof recordingQueue>;
let p: Pipeline;

async function runQueued() {
  const ran = queue.messages.splice(0);
  for (const m of ran) await runJobWith(p, m.name, m.payload);
  return ran;
}

/**
 * A workspace with an admin, an analyst and a viewer, two tracked products whose last day moves
 * (price −25 %, BSR ×5), and a run for that day ready to finalize. Each call uses its own day, so
 * runs (one per date and marketplace) never collide with other tests'.
 */
async function scenario(opts: { webhook?: boolean; date?: string } = {}) {
  const ws = await createWorkspace();
  const tag = randomBytes(4).toString("hex");
  const people: Record<string, string> = {};
  for (const role of ["admin", "analyst", "viewer"] as const) {
    const email = `${role}-${tag}@example.com`;
    const user = await insertUser(db, { email, passwordHash: "x" });
    await ensureMembership(db, ws.id, user.id, role);
    people[role] = email;
  }
  const date = opts.date ?? addDays("2040-01-01", randomInt(0, 20_000));
  const kettle = await storeProduct({ end: date, days: 10, trackFor: ws.id, facts: { title: `Kettle <Pro> ${tag}` }, day: (i) => (i === 9 ? { priceCents: 1499, buyboxPriceCents: 1499 } : {}) });
  const toaster = await storeProduct({ end: date, days: 10, trackFor: ws.id, facts: { title: `Toaster ${tag}` }, day: (i) => (i === 9 ? { bsr: 5000 } : {}) });
  const { run } = await upsertRun(db, { runDate: date, marketplace: "US", source: "demo" });
  await insertChunks(db, run.id, [[kettle, toaster]]);
  await db.update(ingestRuns).set({ chunksDone: 1 }).where(eq(ingestRuns.id, run.id));
  receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const hook = opts.webhook ? await createWebhook({ workspaceId: ws.id, url: receiver.url, events: ["alert.created", "run.completed"] }) : null;
  if (hook) receiver.secret = hook.secret;
  return { ws, people, date, run, kettle, toaster, hook };
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  sink = await startSmtpSink();
  restore = overrideNotificationSettings({ allowPrivateTargets: true, appUrl: APP_URL, emailFrom: "Shelfwatch <alerts@example.com>", mailer: smtpMailer(sink.url) });
});

afterAll(async () => {
  restore();
  await Promise.all([...receivers.map((r) => r.close()), sink.close()]);
});

beforeEach(() => {
  queue = recordingQueue();
  p = testPipeline(db, countingSource(), queue);
  sink.messages.length = 0;
});

describe("after a run", () => {
  it("sends one signed alert.created with the run's new alerts, run.completed, and one email digest over SMTP", async () => {
    const s = await scenario({ webhook: true });
    await callRoute(putEmailSettings, "/api/v1/email-settings", {
      method: "PUT", key: s.ws.keys.admin, headers: { "content-type": "application/json" }, body: JSON.stringify({ extra_recipients: ["Buyer@Example.com"] }),
    });
    await finalizeRun(p, { runId: s.run.id });
    expect(queue.messages.map((m) => m.name).sort()).toEqual(["email-digest", "webhook-delivery", "webhook-delivery"]);
    await runQueued();

    for (const r of receiver.received) expect(r.verifyError).toBeNull();
    const byType = Object.fromEntries(receiver.received.map((r) => [r.verified!.type, r.verified!.data]));
    expect(Object.keys(byType).sort()).toEqual(["alert.created", "run.completed"]);
    const created = byType["alert.created"] as { run_id: string; date: string; alerts: Array<{ asin: string; kind: string; title: string }> };
    expect(created).toMatchObject({ run_id: s.run.id, date: s.date, marketplace: "US" });
    expect(created.alerts.map((a) => `${a.asin}:${a.kind}`).sort()).toEqual([`${s.kettle}:price_down`, `${s.toaster}:bsr_up`].sort());
    expect(byType["run.completed"]).toMatchObject({ run_id: s.run.id, status: "succeeded", alerts_created: 2 });

    expect(sink.messages).toHaveLength(1);
    const [{ envelopeTo, mail }] = sink.messages;
    expect(envelopeTo.sort()).toEqual([s.people.admin, s.people.analyst, "buyer@example.com"].sort());
    expect(mail.from?.value[0]?.address).toBe("alerts@example.com");
    expect(mail.subject).toBe(`[Shelfwatch] 2 new alerts on 2 products — ${s.date} (US)`);
    expect(mail.text).toContain(`(${s.kettle})\n  - Price down: 19.99 USD → 14.99 USD\n  ${APP_URL}/products/${s.kettle}`);
    expect(mail.text).toContain(`(${s.toaster})\n  - Best Sellers Rank up: #1,000 → #5,000\n  ${APP_URL}/products/${s.toaster}`);
    expect(mail.html).toContain(`<a href="${APP_URL}/products/${s.kettle}">Kettle &lt;Pro&gt;`);
    expect(mail.html).toContain(`${APP_URL}/alerts`);
    expect(mail.messageId).toMatch(/@shelfwatch>$/);

    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, s.ws.id));
    expect(row).toMatchObject({ transport: "smtp", error: null });
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it("records a backfilled old day's alerts but notifies nobody about them", async () => {
    const s = await scenario({ webhook: true, date: addDays("1990-01-01", randomInt(0, 10_000)) });
    await finalizeRun(p, { runId: s.run.id });
    expect(queue.messages).toEqual([]);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, s.ws.id))).toEqual([]);
    expect((await db.select().from(alerts).where(eq(alerts.workspaceId, s.ws.id))).length).toBe(2);
  });

  it("never sends an alert twice to a channel: re-running the day and redelivering every job send nothing new", async () => {
    const s = await scenario({ webhook: true });
    await finalizeRun(p, { runId: s.run.id });
    const firstJobs = await runQueued();
    expect(receiver.received).toHaveLength(2);
    expect(sink.messages).toHaveLength(1);

    // The day is re-run (replay re-finalizes), and the queue redelivers every job it ran.
    await finalizeRun(p, { runId: s.run.id, force: true });
    await runQueued();
    for (const m of firstJobs) await runJobWith(p, m.name, m.payload);
    // Alerts themselves are notified through the claims, whatever event carries them.
    const again = await runAlertsOfWorkspace(db, { workspaceId: s.ws.id, runId: s.run.id, date: s.date });
    expect(await storeRunDigest(db, { workspaceId: s.ws.id, runId: s.run.id, date: s.date, marketplace: "US", alerts: again })).toBeNull();

    expect(receiver.received).toHaveLength(2);
    expect(sink.messages).toHaveLength(1);
    const [{ n: deliveryRows }] = await db.select({ n: count() }).from(deliveries).where(eq(deliveries.channelId, s.hook!.id));
    expect(deliveryRows).toBe(2);
    const [{ n: mails }] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.workspaceId, s.ws.id));
    expect(mails).toBe(1);
    const [{ n: claims }] = await db
      .select({ n: count() })
      .from(alertNotifications)
      .innerJoin(alerts, eq(alerts.id, alertNotifications.alertId))
      .where(and(eq(alerts.workspaceId, s.ws.id)));
    expect(claims).toBe(4); // 2 alerts × (webhook, email)
  });

  it("notifies alerts a crashed finalize left behind when it runs again", async () => {
    const s = await scenario({ webhook: true });
    // The first finalize stored the alerts, then died before notifying.
    await detectAlerts(db, { runId: s.run.id, date: s.date, marketplace: "US", asins: [s.kettle, s.toaster] });
    await db.update(ingestRuns).set({ status: "finalizing" }).where(eq(ingestRuns.id, s.run.id));
    await finalizeRun(p, { runId: s.run.id });
    await runQueued();
    expect(receiver.received.map((r) => r.verified!.type).sort()).toEqual(["alert.created", "run.completed"]);
    expect(sink.messages).toHaveLength(1);
  });

  it("retries a digest the SMTP server refused, and sends it once", async () => {
    const s = await scenario();
    sink.failNext = 1;
    await finalizeRun(p, { runId: s.run.id });
    const [job] = queue.messages;
    await expect(runJobWith(p, job!.name, job!.payload)).rejects.toThrow(/451/);
    const [failed] = await db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, s.ws.id));
    expect(failed).toMatchObject({ sentAt: null });
    expect(failed!.error).toMatch(/451/);
    await runJobWith(p, job!.name, job!.payload);
    await runJobWith(p, job!.name, job!.payload);
    expect(sink.messages).toHaveLength(1);
  });
});

describe("without SMTP", () => {
  it("keeps the digest in the outbox, readable through the API", async () => {
    const s = await scenario();
    const tighten = overrideNotificationSettings({ mailer: { kind: "outbox" } });
    try {
      const settings = await (await callRoute(getEmailSettings, "/api/v1/email-settings", { key: s.ws.keys.admin })).json();
      expect(settings).toMatchObject({ transport: "outbox", extra_recipients: [], daily_cap: 10 });
      expect(settings.members.sort()).toEqual([s.people.admin, s.people.analyst].sort());
      await finalizeRun(p, { runId: s.run.id });
      expect(queue.messages.filter((m) => m.name === "email-digest")).toHaveLength(0);
    } finally {
      tighten();
    }
    const res = await callRoute(listOutbox, "/api/v1/email-outbox", { key: s.ws.keys.admin });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ transport: "outbox", status: "held", sent_at: null, error: null });
    expect(items[0].text).toContain(`Toaster`);
    expect(sink.messages).toHaveLength(0);
    expect((await callRoute(listOutbox, "/api/v1/email-outbox", { key: s.ws.keys.analyst })).status).toBe(403);
  });

  it("holds a digest over the workspace's daily cap unsent, with the reason", async () => {
    const s = await scenario();
    const put = await callRoute(putEmailSettings, "/api/v1/email-settings", {
      method: "PUT", key: s.ws.keys.admin, headers: { "content-type": "application/json" }, body: JSON.stringify({ daily_cap: 0 }),
    });
    expect(put.status).toBe(200);
    expect(
      (await callRoute(putEmailSettings, "/api/v1/email-settings", { method: "PUT", key: s.ws.keys.admin, headers: { "content-type": "application/json" }, body: JSON.stringify({ extra_recipients: ["not-an-email"] }) })).status,
    ).toBe(400);
    await finalizeRun(p, { runId: s.run.id });
    await runQueued();
    expect(sink.messages).toHaveLength(0);
    const { items } = await (await callRoute(listOutbox, "/api/v1/email-outbox", { key: s.ws.keys.admin })).json();
    expect(items[0]).toMatchObject({ status: "not_sent", transport: "outbox", error: "not sent: the daily cap of 0 digests was reached" });
  });
});
