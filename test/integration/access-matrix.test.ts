// Every REST route × {anonymous, viewer, analyst, admin, other workspace}, per API.md's role table.
// Routes are discovered from app/api/v1/**/route.ts and their exported methods: a route missing
// from ROUTES fails the suite, so a new route must state its role and how to reach one of its
// objects here. Objects are made through the API itself, fresh for every call (DELETE included).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAlerts } from "@/db/queries/alerts";
import type { Role } from "@/db/schema";
import { addDays, todayUtc } from "@/lib/dates";
import { overrideNotificationSettings } from "@/lib/notifications/settings";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace, randomAsin, storeProduct } from "@/test/support/fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
type Handler = Parameters<typeof callRoute>[0];
type Caller = "anonymous" | Role | "other workspace";
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
const CALLERS: readonly Caller[] = ["anonymous", "viewer", "analyst", "admin", "other workspace"];
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

interface Arranged {
  params?: Record<string, string>;
  body?: unknown;
  query?: string;
}

interface RouteCase {
  /** The least role API.md allows, or "public" for routes without credentials. */
  role: Role | "public";
  /**
   * What another workspace's admin gets: "object" routes address one object of the workspace (→ 404);
   * "own" routes act on the caller's own workspace or on global product facts (→ allowed).
   */
  scope: "object" | "own";
  /** Builds the request for workspace `ws`, creating the object the route addresses. */
  arrange?: (ws: Ws) => Promise<Arranged>;
}

let receiver: WebhookReceiver;
let restoreNotifications: () => void;
const yesterday = addDays(todayUtc(), -1);

// ——— arrangements: made through the API with the workspace's admin key ———
const handlers = new Map<string, Handler>();
async function api(ws: Ws, method: string, route: string, req: Arranged = {}): Promise<Record<string, unknown>> {
  const res = await send(handlers.get(`${method} ${route}`)!, method, route, req, ws.keys.admin);
  if (res.status >= 300) throw new Error(`arrange ${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}
const trackedProduct = async (ws: Ws) => ({ params: { asin: await storeProduct({ end: yesterday, days: 3, trackFor: ws.id }) } });
const competition = async (ws: Ws) => {
  const [main, rival] = await Promise.all([storeProduct({ end: yesterday, days: 3 }), storeProduct({ end: yesterday, days: 3 })]);
  const created = await api(ws, "POST", "/api/v1/competitions", { body: { name: "matrix", main_asin: main, competitor_asins: [rival], marketplace: "US" } });
  return { params: { id: String(created.id) } };
};
const alertRule = async (ws: Ws) => ({ params: { id: String((await api(ws, "POST", "/api/v1/alert-rules", { body: PRICE_RULE })).id) } });
const webhook = async (ws: Ws) => ({ params: { id: String((await api(ws, "POST", "/api/v1/webhooks", { body: { url: receiver.url, events: ["alert.created"] } })).id) } });
const PRICE_RULE = { metric: "price", change: "pct", threshold: 15, direction: "down" };

const ROUTES: Record<string, RouteCase> = {
  "GET /api/v1/openapi.json": { role: "public", scope: "own" },

  "GET /api/v1/products": { role: "viewer", scope: "own" },
  "POST /api/v1/products": { role: "analyst", scope: "own", arrange: async () => ({ body: { asins: [randomAsin()], marketplace: "US" } }) },
  "GET /api/v1/products/{asin}": { role: "viewer", scope: "own", arrange: trackedProduct },
  "DELETE /api/v1/products/{asin}": { role: "analyst", scope: "object", arrange: trackedProduct },
  "GET /api/v1/products/{asin}/metrics": { role: "viewer", scope: "own", arrange: trackedProduct },
  "GET /api/v1/products/{asin}/metrics.csv": { role: "viewer", scope: "own", arrange: trackedProduct },
  "POST /api/v1/metrics:batch": { role: "viewer", scope: "own", arrange: async (ws) => ({ body: { asins: [(await trackedProduct(ws)).params.asin] } }) },

  "GET /api/v1/alerts": { role: "viewer", scope: "own" },
  "POST /api/v1/alerts/{id}/ack": {
    role: "analyst",
    scope: "object",
    arrange: async (ws) => {
      const { db } = await testDatabase();
      const ruleId = (await alertRule(ws)).params.id;
      const [alert] = await insertAlerts(db, [
        { workspaceId: ws.id, ruleId, runId: null, asin: randomAsin(), marketplace: "US", date: yesterday, metric: "price", kind: "price_down", oldValue: 1000, newValue: 800, change: -20 },
      ]);
      return { params: { id: alert!.id } };
    },
  },
  "GET /api/v1/alert-rules": { role: "analyst", scope: "own" },
  "POST /api/v1/alert-rules": { role: "analyst", scope: "own", arrange: async () => ({ body: PRICE_RULE }) },
  "PATCH /api/v1/alert-rules/{id}": { role: "analyst", scope: "object", arrange: async (ws) => ({ ...(await alertRule(ws)), body: { threshold: 12 } }) },
  "DELETE /api/v1/alert-rules/{id}": { role: "analyst", scope: "object", arrange: alertRule },

  "GET /api/v1/competitions": { role: "viewer", scope: "own" },
  "POST /api/v1/competitions": {
    role: "analyst",
    scope: "own",
    arrange: async () => ({ body: { name: "c", main_asin: await storeProduct({ end: yesterday, days: 2 }), competitor_asins: [await storeProduct({ end: yesterday, days: 2 })], marketplace: "US" } }),
  },
  "GET /api/v1/competitions/{id}": { role: "viewer", scope: "object", arrange: competition },
  "PATCH /api/v1/competitions/{id}": { role: "analyst", scope: "object", arrange: async (ws) => ({ ...(await competition(ws)), body: { name: "renamed" } }) },
  "DELETE /api/v1/competitions/{id}": { role: "analyst", scope: "object", arrange: competition },
  "GET /api/v1/competitions/{id}/comparison": { role: "viewer", scope: "object", arrange: competition },
  "GET /api/v1/competitions/{id}/reports": { role: "viewer", scope: "object", arrange: competition },
  "POST /api/v1/competitions/{id}/reports": { role: "analyst", scope: "object", arrange: competition },
  "GET /api/v1/reports/{id}": {
    role: "viewer",
    scope: "object",
    arrange: async (ws) => {
      const { params } = await competition(ws);
      return { params: { id: String((await api(ws, "POST", "/api/v1/competitions/{id}/reports", { params })).id) } };
    },
  },

  "GET /api/v1/runs": { role: "viewer", scope: "own" },
  // JP has nothing tracked in tests: the run plans no chunks and scrapes nothing.
  "POST /api/v1/runs": { role: "admin", scope: "own", arrange: async () => ({ body: { date: addDays(todayUtc(), -5), marketplace: "JP" } }) },
  "GET /api/v1/runs/{id}": {
    role: "viewer",
    scope: "own",
    arrange: async (ws) => ({ params: { id: String((await api(ws, "POST", "/api/v1/runs", { body: { date: addDays(todayUtc(), -5), marketplace: "JP" } })).id) } }),
  },
  "GET /api/v1/usage": { role: "admin", scope: "own" },

  "GET /api/v1/webhooks": { role: "admin", scope: "own" },
  "POST /api/v1/webhooks": { role: "admin", scope: "own", arrange: async () => ({ body: { url: receiver.url, events: ["run.completed"] } }) },
  "DELETE /api/v1/webhooks/{id}": { role: "admin", scope: "object", arrange: webhook },
  "POST /api/v1/webhooks/{id}/test": { role: "admin", scope: "object", arrange: webhook },
  "GET /api/v1/webhooks/{id}/deliveries": { role: "admin", scope: "object", arrange: webhook },
  "POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
    role: "admin",
    scope: "object",
    arrange: async (ws) => {
      const { params } = await webhook(ws);
      const delivery = await api(ws, "POST", "/api/v1/webhooks/{id}/test", { params });
      return { params: { ...params, deliveryId: String(delivery.id) } };
    },
  },
  "GET /api/v1/email-outbox": { role: "admin", scope: "own" },
  "GET /api/v1/email-settings": { role: "admin", scope: "own" },
  "PUT /api/v1/email-settings": { role: "admin", scope: "own", arrange: async () => ({ body: { daily_cap: 5 } }) },

  "GET /api/v1/api-keys": { role: "admin", scope: "own" },
  "POST /api/v1/api-keys": { role: "admin", scope: "own", arrange: async () => ({ body: { name: "matrix", role: "viewer" } }) },
  "DELETE /api/v1/api-keys/{id}": {
    role: "admin",
    scope: "object",
    arrange: async (ws) => ({ params: { id: String((await api(ws, "POST", "/api/v1/api-keys", { body: { name: "doomed", role: "viewer" } })).id) } }),
  },
};

// ——— discovery ———
const API_ROOT = path.join(process.cwd(), "app", "api", "v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

function templateOf(file: string): string {
  const segments = path.relative(API_ROOT, path.dirname(file)).split(path.sep).filter(Boolean);
  return ["/api/v1", ...segments.map((s) => (s.startsWith("[") && s.endsWith("]") ? `{${s.slice(1, -1)}}` : s))].join("/");
}

async function discoverRoutes(): Promise<Map<string, Handler>> {
  const found = new Map<string, Handler>();
  for (const file of routeFiles(API_ROOT)) {
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof module[method] === "function") found.set(`${method} ${templateOf(file)}`, module[method] as Handler);
    }
  }
  return found;
}

function send(handler: Handler, method: string, route: string, req: Arranged, key?: string): Promise<Response> {
  const params = req.params ?? {};
  const url = route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`)) + (req.query ?? "");
  return callRoute(handler, url, {
    method,
    key,
    params,
    ...(req.body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(req.body) }),
  });
}

function expectedStatus(entry: RouteCase, caller: Caller): "allowed" | 401 | 403 | 404 {
  if (entry.role === "public") return "allowed";
  if (caller === "anonymous") return 401;
  if (caller === "other workspace") return entry.scope === "object" ? 404 : "allowed";
  return RANK[caller] >= RANK[entry.role] ? "allowed" : 403;
}

beforeAll(async () => {
  await testDatabase();
  receiver = await startWebhookReceiver();
  restoreNotifications = overrideNotificationSettings({ allowPrivateTargets: true });
  for (const [name, handler] of await discoverRoutes()) handlers.set(name, handler);
});

afterAll(async () => {
  restoreNotifications?.();
  await receiver?.close();
});

describe("access matrix", () => {
  it("lists every discovered REST route, and nothing that is not one", () => {
    const discovered = [...handlers.keys()].sort();
    expect(discovered.length).toBeGreaterThan(10);
    expect(discovered.filter((r) => !(r in ROUTES)), "routes missing from ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !handlers.has(r)), "ROUTES entries with no route").toEqual([]);
  });

  for (const [name, entry] of Object.entries(ROUTES)) {
    it(`${name}: ${entry.role}${entry.scope === "object" ? ", another workspace's object is 404" : ""}`, async () => {
      const handler = handlers.get(name);
      if (!handler) return; // reported by the listing test above
      const [method, route] = name.split(" ") as [string, string];
      // A workspace per route keeps budgets and objects of one row to itself.
      const [owner, other] = await Promise.all([createWorkspace(), createWorkspace()]);
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const caller of CALLERS) {
        const req = (await entry.arrange?.(owner)) ?? {};
        const key = caller === "anonymous" ? undefined : caller === "other workspace" ? other.keys.admin : owner.keys[caller];
        const res = await send(handler, method, route, req, key);
        const want = expectedStatus(entry, caller);
        const got = res.status;
        // Allowed means the call succeeded: arrangements build valid requests for existing objects.
        outcomes.push(`${caller}: ${got < 300 ? "allowed" : got}`);
        expected.push(`${caller}: ${want}`);
        if (got >= 400) expect(res.headers.get("content-type"), `${caller} ${got}`).toBe("application/problem+json");
        // Every /api/v1 answer carries the rate-limit headers, refusals included.
        expect(res.headers.get("ratelimit-limit"), `${caller} RateLimit-Limit`).toMatch(/^\d+$/);
        expect(res.headers.get("ratelimit-remaining"), `${caller} RateLimit-Remaining`).toMatch(/^\d+$/);
        expect(res.headers.get("ratelimit-reset"), `${caller} RateLimit-Reset`).toMatch(/^\d+$/);
        await res.body?.cancel();
      }
      expect(outcomes).toEqual(expected);
    }, 60_000);
  }
});
