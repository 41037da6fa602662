import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listWebhooks, POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { DELETE as deleteWebhook } from "@/app/api/v1/webhooks/[id]/route";
import { POST as testWebhook } from "@/app/api/v1/webhooks/[id]/test/route";
import { GET as listDeliveries } from "@/app/api/v1/webhooks/[id]/deliveries/route";
import { POST as retryDelivery } from "@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/retry/route";
import { overrideNotificationSettings } from "@/lib/notifications/settings";
import { callRoute } from "@/test/support/call-route";
import { testDatabase } from "@/test/support/database";
import { createWorkspace } from "@/test/support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const post = (key: string | undefined, body: unknown) =>
  callRoute(createWebhook, "/api/v1/webhooks", { method: "POST", key, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
const test = (ws: Ws, id: string) => callRoute(testWebhook, `/api/v1/webhooks/${id}/test`, { method: "POST", key: ws.keys.admin, params: { id } });

let ws: Ws;
let other: Ws;
let receiver: WebhookReceiver;

beforeAll(async () => {
  await testDatabase();
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver.close();
});

describe("auth", () => {
  it("answers 401 without credentials and 403 below admin on every webhook route", async () => {
    const id = UNKNOWN_ID;
    const calls = [
      (key?: string) => callRoute(listWebhooks, "/api/v1/webhooks", { key }),
      (key?: string) => post(key, { url: "https://example.com/hook" }),
      (key?: string) => callRoute(deleteWebhook, `/api/v1/webhooks/${id}`, { method: "DELETE", key, params: { id } }),
      (key?: string) => callRoute(testWebhook, `/api/v1/webhooks/${id}/test`, { method: "POST", key, params: { id } }),
      (key?: string) => callRoute(listDeliveries, `/api/v1/webhooks/${id}/deliveries`, { key, params: { id } }),
      (key?: string) => callRoute(retryDelivery, `/api/v1/webhooks/${id}/deliveries/${id}/retry`, { method: "POST", key, params: { id, deliveryId: id } }),
    ];
    for (const call of calls) {
      expect((await call()).status).toBe(401);
      expect((await call(ws.keys.analyst)).status).toBe(403);
      expect((await call(ws.keys.viewer)).status).toBe(403);
    }
  });
});

describe("SSRF guard at creation", () => {
  it("refuses private, loopback and link-local targets with 400 problem+json", async () => {
    for (const url of ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://[::1]/", "http://10.0.0.8/", "http://192.168.1.20/", "http://169.254.1.1/", "http://[fe80::1]/"]) {
      const res = await post(ws.keys.admin, { url });
      expect(res.status, url).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json()).errors[0]).toMatchObject({ path: "body.url" });
    }
  });

  it("refuses cloud metadata targets even when private targets are allowed", async () => {
    const restore = overrideNotificationSettings({ allowPrivateTargets: true });
    try {
      for (const url of ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://metadata.google.internal/", "http://100.100.100.200/"]) {
        const res = await post(ws.keys.admin, { url });
        expect(res.status, url).toBe(400);
        expect((await res.json()).detail).toMatch(/metadata/i);
      }
    } finally {
      restore();
    }
  });

  it("refuses malformed bodies, unknown events and non-http schemes; nothing is stored", async () => {
    for (const body of ["{", { events: ["alert.created"] }, { url: 42 }, { url: "https://example.com", events: ["alert.deleted"] }, { url: "https://example.com", events: [] }, { url: "ftp://example.com/x" }]) {
      expect((await post(ws.keys.admin, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await (await callRoute(listWebhooks, "/api/v1/webhooks", { key: ws.keys.admin })).json()).items).toEqual([]);
  });
});

describe("endpoints", () => {
  it("creates an endpoint with a whsec_ secret shown once, pings it signed, lists deliveries, redelivers, deletes", async () => {
    const restore = overrideNotificationSettings({ allowPrivateTargets: true });
    try {
      const created = await post(ws.keys.admin, { url: receiver.url, events: ["alert.created", "alert.created", "run.completed"] });
      expect(created.status).toBe(201);
      const hook = await created.json();
      expect(hook).toMatchObject({ url: receiver.url, events: ["alert.created", "run.completed"], enabled: true });
      expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(created.headers.get("location")).toBe(`/api/v1/webhooks/${hook.id}`);
      receiver.secret = hook.secret;

      const listed = await (await callRoute(listWebhooks, "/api/v1/webhooks", { key: ws.keys.admin })).json();
      expect(listed.items).toHaveLength(1);
      expect(listed.items[0]).not.toHaveProperty("secret");
      expect(JSON.stringify(listed)).not.toContain(hook.secret.slice(6));

      const ping = await test(ws, hook.id);
      expect(ping.status).toBe(200);
      const delivery = await ping.json();
      expect(delivery).toMatchObject({ event: "ping", status: "succeeded", status_code: 200, attempt_count: 1 });
      expect(delivery.attempts).toHaveLength(1);
      expect(receiver.received.at(-1)!.verifyError).toBeNull();
      expect(receiver.received.at(-1)!.verified).toMatchObject({ type: "ping", data: { webhook_id: hook.id } });

      const page = await (await callRoute(listDeliveries, `/api/v1/webhooks/${hook.id}/deliveries?limit=1`, { key: ws.keys.admin, params: { id: hook.id } })).json();
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ id: delivery.id, event: "ping", status_code: 200 });
      expect(page.items[0].attempts[0]).toMatchObject({ attempt: 1, status_code: 200, response_excerpt: "ok", next_retry_at: null });
      expect(page.next_cursor).toBeNull();

      // A second ping pages: newest first, the cursor leads to the first.
      await test(ws, hook.id);
      const first = await (await callRoute(listDeliveries, `/api/v1/webhooks/${hook.id}/deliveries?limit=1`, { key: ws.keys.admin, params: { id: hook.id } })).json();
      expect(first.items[0].id).not.toBe(delivery.id);
      const second = await (await callRoute(listDeliveries, `/api/v1/webhooks/${hook.id}/deliveries?limit=1&cursor=${first.next_cursor}`, { key: ws.keys.admin, params: { id: hook.id } })).json();
      expect(second.items[0].id).toBe(delivery.id);
      expect((await callRoute(listDeliveries, `/api/v1/webhooks/${hook.id}/deliveries?cursor=bogus`, { key: ws.keys.admin, params: { id: hook.id } })).status).toBe(400);

      const redelivered = await callRoute(retryDelivery, `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`, { method: "POST", key: ws.keys.admin, params: { id: hook.id, deliveryId: delivery.id } });
      expect(redelivered.status).toBe(200);
      expect(await redelivered.json()).toMatchObject({ id: delivery.id, attempt_count: 2, status: "succeeded" });
      expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(delivery.event_id);

      // Another workspace sees none of it.
      expect((await test(other, hook.id)).status).toBe(404);
      expect((await callRoute(listDeliveries, `/api/v1/webhooks/${hook.id}/deliveries`, { key: other.keys.admin, params: { id: hook.id } })).status).toBe(404);
      expect((await callRoute(retryDelivery, `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`, { method: "POST", key: other.keys.admin, params: { id: hook.id, deliveryId: delivery.id } })).status).toBe(404);
      expect((await callRoute(deleteWebhook, `/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: other.keys.admin, params: { id: hook.id } })).status).toBe(404);

      expect((await callRoute(deleteWebhook, `/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: ws.keys.admin, params: { id: hook.id } })).status).toBe(204);
      expect((await callRoute(deleteWebhook, `/api/v1/webhooks/${hook.id}`, { method: "DELETE", key: ws.keys.admin, params: { id: hook.id } })).status).toBe(404);
      expect((await test(ws, hook.id)).status).toBe(404);
    } finally {
      restore();
    }
  });

  it("answers 400 for ids that are not UUIDs and 404 for unknown ones", async () => {
    expect((await test(ws, "nope")).status).toBe(400);
    expect((await test(ws, UNKNOWN_ID)).status).toBe(404);
  });
});
