import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listWebhooksRoute } from "@/app/api/v1/webhooks/route";
import { GET as listDeliveriesRoute } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { POST as retryRoute } from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/retry/route";
import type { Database } from "@/db/client";
import { claimAttempt } from "@/db/queries/deliveries";
import { deliveries, notificationChannels } from "@/db/schema";
import type { Pipeline } from "@/jobs/pipeline";
import { runJobWith } from "@/jobs/run-job";
import { emitEvent } from "@/lib/events/emit";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/notifications/events";
import { stalledNotificationJobs } from "@/lib/notifications/stalled-notification-jobs";
import { overrideNotificationSettings } from "@/lib/notifications/settings";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace } from "@/test/support/fixtures";
import { countingSource, recordingQueue, testPipeline } from "@/test/support/pipeline";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";

const POLICY = { maxAttempts: 4, baseDelaySeconds: 2, maxDelaySeconds: 5, timeoutMs: 300, disableAfterFailures: 6 };

let db: Database;
let ws: Awaited<ReturnType<typeof createWorkspace>>;
let receiver: WebhookReceiver;
let queue: ReturnType<typeof recordingQueue>;
let p: Pipeline;
let restore: () => void;

/** Runs every job the recording queue holds (as the queue would once their delay passed); returns them. */
async function runQueued() {
  const ran = queue.messages.splice(0);
  for (const m of ran) await runJobWith(p, m.name, m.payload);
  return ran;
}

async function newEndpoint(events: WebhookEvent[] = [...WEBHOOK_EVENTS]) {
  const hook = await createWebhook({ workspaceId: ws.id, url: receiver.url, events });
  receiver.secret = hook.secret;
  return hook;
}

async function deliveriesOf(webhookId: string) {
  const res = await callRoute(listDeliveriesRoute, `/api/v1/webhooks/${webhookId}/deliveries`, { key: ws.keys.admin, params: { id: webhookId } });
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  receiver = await startWebhookReceiver();
  restore = overrideNotificationSettings({ allowPrivateTargets: true, policy: POLICY });
});

afterAll(async () => {
  restore();
  await receiver.close();
});

beforeEach(async () => {
  ws = await createWorkspace();
  queue = recordingQueue();
  p = testPipeline(db, countingSource(), queue);
  receiver.received.length = 0;
  receiver.reply = () => ({ status: 200, body: "ok" });
});

describe("emitEvent", () => {
  it("delivers { type, timestamp, data } signed so that standardwebhooks verifies it, once per event key", async () => {
    const hook = await newEndpoint();
    const data = { report_id: "r-1", competition_id: "c-1" };
    expect(await emitEvent(ws.id, "report.ready", data, { pipeline: p, key: "report.ready:r-1" })).toEqual({ deliveries: 1 });
    expect(queue.messages).toMatchObject([{ name: "webhook-delivery", payload: { attempt: 1 } }]);
    await runQueued();

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.verifyError).toBeNull();
    expect(got!.verified).toMatchObject({ type: "report.ready", data });
    expect(Date.parse(got!.verified!.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(got!.body.startsWith('{"type":"report.ready","timestamp":')).toBe(true);
    expect(got!.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(got!.headers["webhook-signature"]).toMatch(/^v1,/);
    expect(got!.headers["content-type"]).toBe("application/json");

    // The same event again, and an event the endpoint did not subscribe to: nothing new.
    expect(await emitEvent(ws.id, "report.ready", data, { pipeline: p, key: "report.ready:r-1" })).toEqual({ deliveries: 0 });
    const [only] = await deliveriesOf(hook.id);
    expect(only).toMatchObject({ event: "report.ready", status: "succeeded", status_code: 200, attempt_count: 1 });
  });

  it("sends only to enabled endpoints subscribed to the event, never another workspace's", async () => {
    await newEndpoint(["report.ready"]);
    const other = await createWorkspace();
    await createWebhook({ workspaceId: other.id, url: receiver.url, events: ["run.completed"] });
    expect(await emitEvent(ws.id, "run.completed", { run_id: "x" }, { pipeline: p })).toEqual({ deliveries: 0 });
    expect(queue.messages).toHaveLength(0);
  });
});

describe("retries", () => {
  it("retries non-2xx answers with exponential backoff, logging every attempt, until one succeeds", async () => {
    const hook = await newEndpoint();
    receiver.reply = (n) => (n < 2 ? { status: 503, body: `busy ${n}` } : { status: 204 });
    await emitEvent(ws.id, "run.completed", { run_id: "run-1" }, { pipeline: p });

    const delays: Array<number | undefined> = [];
    for (let i = 0; i < 3; i += 1) {
      await runQueued();
      delays.push(queue.messages[0]?.delaySeconds);
    }
    expect(delays).toEqual([2, 4, undefined]);
    expect(queue.messages).toHaveLength(0);
    expect(receiver.received).toHaveLength(3);
    for (const r of receiver.received) expect(r.verifyError).toBeNull();
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);

    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: "succeeded", status_code: 204, attempt_count: 3, next_retry_at: null });
    expect(delivery.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 503, 204]);
    expect(delivery.attempts[0]).toMatchObject({ attempt: 1, trigger: "auto", response_excerpt: "busy 0", error: null });
    expect(delivery.attempts[0].latency_ms).toBeGreaterThanOrEqual(0);
    expect(Date.parse(delivery.attempts[0].next_retry_at) - Date.parse(delivery.attempts[0].finished_at)).toBeGreaterThanOrEqual(1900);
    expect(delivery.attempts[2].next_retry_at).toBeNull();
  });

  it("treats a timeout as a failure and gives up after the last attempt", async () => {
    const hook = await newEndpoint();
    receiver.reply = (n) => (n === 0 ? { status: 200, delayMs: 1000 } : { status: 500 });
    await emitEvent(ws.id, "run.completed", { run_id: "run-2" }, { pipeline: p });
    for (let i = 0; i < POLICY.maxAttempts; i += 1) await runQueued();
    expect(queue.messages).toHaveLength(0);

    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: "failed", attempt_count: 4, next_retry_at: null });
    expect(delivery.attempts[0]).toMatchObject({ status_code: null, error: "timeout after 300 ms" });
    expect(delivery.attempts.slice(1).map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 500]);
  });

  it("makes each attempt once however often its job is delivered", async () => {
    const hook = await newEndpoint();
    await emitEvent(ws.id, "run.completed", { run_id: "run-3" }, { pipeline: p });
    const [job] = queue.messages;
    await Promise.all([runJobWith(p, job!.name, job!.payload), runJobWith(p, job!.name, job!.payload)]);
    await runJobWith(p, job!.name, job!.payload);
    expect(receiver.received).toHaveLength(1);
    expect((await deliveriesOf(hook.id))[0].attempts).toHaveLength(1);
  });
});

describe("failing endpoints", () => {
  it("are disabled with a visible reason, stop getting deliveries, and come back after a successful redelivery", async () => {
    const hook = await newEndpoint();
    receiver.reply = () => ({ status: 500, body: "down" });
    await emitEvent(ws.id, "run.completed", { run_id: "a" }, { pipeline: p });
    await emitEvent(ws.id, "report.ready", { report_id: "b" }, { pipeline: p });
    for (let i = 0; i < 3; i += 1) await runQueued(); // 2 deliveries × 3 attempts = 6 failures
    expect(receiver.received).toHaveLength(6);

    const listed = await (await callRoute(listWebhooksRoute, "/api/v1/webhooks", { key: ws.keys.admin })).json();
    expect(listed.items[0]).toMatchObject({ id: hook.id, enabled: false, consecutive_failures: 6 });
    expect(listed.items[0].disabled_reason).toMatch(/^Disabled after 6 consecutive failed attempts; the last: HTTP 500 at /);
    // The first delivery's fourth attempt was already scheduled: it finds the endpoint disabled.
    await runQueued();
    expect(receiver.received).toHaveLength(6);
    expect(queue.messages).toHaveLength(0);

    // A new event is not even stored for a disabled endpoint.
    expect(await emitEvent(ws.id, "report.ready", { report_id: "c" }, { pipeline: p })).toEqual({ deliveries: 0 });

    receiver.reply = () => ({ status: 200, body: "back" });
    const [latest, first] = await deliveriesOf(hook.id);
    expect(latest.status).toBe("failed");
    expect(first).toMatchObject({ status: "failed", attempt_count: 3 });
    expect(first.response_excerpt).toMatch(/endpoint is disabled/);
    const retried = await callRoute(retryRoute, `/api/v1/webhooks/${hook.id}/deliveries/${latest.id}/retry`, {
      method: "POST", key: ws.keys.admin, params: { id: hook.id, deliveryId: latest.id },
    });
    expect(retried.status).toBe(200);
    const body = await retried.json();
    expect(body).toMatchObject({ id: latest.id, status: "succeeded", status_code: 200, attempt_count: 4 });
    expect(body.attempts.at(-1)).toMatchObject({ attempt: 4, trigger: "manual", status_code: 200, response_excerpt: "back" });
    expect(receiver.received.at(-1)!.verifyError).toBeNull();
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(latest.event_id);

    const after = await (await callRoute(listWebhooksRoute, "/api/v1/webhooks", { key: ws.keys.admin })).json();
    expect(after.items[0]).toMatchObject({ enabled: true, disabled_reason: null, consecutive_failures: 0 });
  });

  it("an automatic attempt on a disabled endpoint fails the delivery unsent", async () => {
    const hook = await newEndpoint();
    await emitEvent(ws.id, "report.ready", { report_id: "d" }, { pipeline: p });
    await db.update(notificationChannels).set({ enabled: false, disabledReason: "switched off (test)" }).where(eq(notificationChannels.id, hook.id));
    await runQueued();
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: [] });
    expect(delivery.response_excerpt).toMatch(/endpoint is disabled/);
  });
});

describe("SSRF at delivery time", () => {
  it("checks the target again when sending: a target refused now gets no request", async () => {
    const hook = await newEndpoint();
    await emitEvent(ws.id, "report.ready", { report_id: "e" }, { pipeline: p });
    const tighten = overrideNotificationSettings({ allowPrivateTargets: false });
    try {
      await runQueued();
    } finally {
      tighten();
    }
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveriesOf(hook.id);
    expect(delivery.attempts[0]).toMatchObject({ status_code: null });
    expect(delivery.attempts[0].error).toMatch(/^refused: 127\.0\.0\.1 is a private, loopback or link-local address/);
  });
});

describe("lost jobs", () => {
  it("are found again: a delivery never attempted, and one whose attempt was cut short, resume with the next attempt", async () => {
    const hook = await newEndpoint();
    await emitEvent(ws.id, "report.ready", { report_id: "f" }, { pipeline: p });
    await emitEvent(ws.id, "report.ready", { report_id: "g" }, { pipeline: p });
    queue.messages.length = 0; // the queue lost them (a restart of the in-process queue)
    const [second, first] = await deliveriesOf(hook.id);
    await claimAttempt(db, { deliveryId: second.id, attemptNo: 1, trigger: "auto" }); // a crash mid-attempt
    const old = new Date(Date.now() - 20 * 60_000);
    for (const d of [first, second]) await db.update(deliveries).set({ createdAt: old }).where(eq(deliveries.id, d.id));

    const jobs = (await stalledNotificationJobs(db)).filter((j) => [first.id, second.id].includes(j.payload.deliveryId as string));
    expect(jobs.map((j) => [j.payload.deliveryId, j.payload.attempt])).toEqual(expect.arrayContaining([[first.id, 1], [second.id, 2]]));
    queue.messages.push(...jobs);
    await runQueued();
    expect(receiver.received).toHaveLength(2);
    const after = await deliveriesOf(hook.id);
    expect(after.map((d: { status: string }) => d.status)).toEqual(["succeeded", "succeeded"]);
    const resumed = after.find((d: { id: string }) => d.id === second.id);
    expect(resumed.attempts.map((a: { attempt: number; error: string | null }) => [a.attempt, a.error])).toEqual([[1, "no result recorded (in progress or interrupted)"], [2, null]]);
  });
});
