import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/v1/api-keys/route";
import { DELETE as deleteKey } from "@/app/api/v1/api-keys/[id]/route";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { GET as listProducts } from "@/app/api/v1/products/route";
import { ensureMembership, insertUser } from "@/db/queries/workspaces";
import type { Role } from "@/db/schema";
import { authSecret } from "@/lib/auth/auth-secret";
import { authOptions, SIGN_IN_ERRORS } from "@/lib/auth/next-auth";
import { hashPassword } from "@/lib/auth/password";
import { config, type RateLimitSetting } from "@/lib/config/env";
import { enforceRateLimit } from "@/lib/rate-limit/enforce";
import { createRedisLimiter } from "@/lib/rate-limit/redis-limiter";
import { rateLimiter, setRateLimiter } from "@/lib/rate-limit/runtime";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace } from "@/test/support/fixtures";

type Ws = Awaited<ReturnType<typeof createWorkspace>>;
const JSON_TYPE = { "content-type": "application/json" };

let ws: Ws;
let other: Ws;

beforeAll(async () => {
  await testDatabase();
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
});

// Policies are read from config() on every request; a test narrows one and restores it.
const saved: Array<() => void> = [];
function narrowPolicy(setting: RateLimitSetting, limit: number, windowMs = 60_000): void {
  const before = config().rateLimits[setting];
  config().rateLimits[setting] = { limit, windowMs };
  saved.push(() => (config().rateLimits[setting] = before));
}
afterEach(() => {
  while (saved.length) saved.pop()!();
});

async function createUser(workspaceId: string, role: Role, password = "correct horse battery") {
  const { db } = await testDatabase();
  const email = `user-${randomBytes(5).toString("hex")}@example.test`;
  const user = await insertUser(db, { email, passwordHash: await hashPassword(password) });
  await ensureMembership(db, workspaceId, user.id, role);
  return { id: user.id, email, password };
}

/** The cookie next-auth would set after sign-in, made with its own encoder and our secret. */
async function sessionCookie(claims: { userId: string; workspaceId: string; role: Role; email: string }): Promise<string> {
  const token = await encode({ token: { sub: claims.userId, ...claims }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

describe("API keys", () => {
  it("creates a key shown once, lists it without the key, and refuses it at once after deletion", async () => {
    const created = await callRoute(createKey, "/api/v1/api-keys", { method: "POST", key: ws.keys.admin, headers: JSON_TYPE, body: JSON.stringify({ name: " ci ", role: "viewer" }) });
    expect(created.status).toBe(201);
    const { id, key, name, role, prefix } = await created.json();
    expect({ name, role }).toEqual({ name: "ci", role: "viewer" });
    expect(key).toMatch(/^sw_live_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(created.headers.get("location")).toBe(`/api/v1/api-keys/${id}`);

    // The new key works (and is now held in the principal cache).
    expect((await callRoute(listProducts, "/api/v1/products", { key })).status).toBe(200);

    const listed = await (await callRoute(listKeys, "/api/v1/api-keys?limit=200", { key: ws.keys.admin })).text();
    expect(listed).not.toContain(key);
    const item = JSON.parse(listed).items.find((k: { id: string }) => k.id === id);
    expect(item).toMatchObject({ id, name: "ci", role: "viewer", prefix });
    expect(Object.keys(item).sort()).toEqual(["created_at", "id", "last_used_at", "name", "prefix", "role"]);

    const deleted = await callRoute(deleteKey, `/api/v1/api-keys/${id}`, { method: "DELETE", key: ws.keys.admin, params: { id } });
    expect(deleted.status).toBe(204);
    const refused = await callRoute(listProducts, "/api/v1/products", { key });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect((await callRoute(deleteKey, `/api/v1/api-keys/${id}`, { method: "DELETE", key: ws.keys.admin, params: { id } })).status).toBe(404);
  });

  it("pages the list with a cursor and refuses a bad body, cursor or role", async () => {
    const fresh = await createWorkspace();
    const page1 = await (await callRoute(listKeys, "/api/v1/api-keys?limit=2", { key: fresh.keys.admin })).json();
    expect(page1.items).toHaveLength(2);
    const page2 = await (await callRoute(listKeys, `/api/v1/api-keys?limit=2&cursor=${page1.next_cursor}`, { key: fresh.keys.admin })).json();
    expect(page2.items.map((k: { role: string }) => k.role)).toEqual(["admin"]);
    expect(page2.next_cursor).toBeNull();
    expect((await callRoute(listKeys, "/api/v1/api-keys?cursor=nope", { key: fresh.keys.admin })).status).toBe(400);
    for (const body of [{ name: "x", role: "owner" }, { name: "", role: "viewer" }, { role: "viewer" }, "{"]) {
      const res = await callRoute(createKey, "/api/v1/api-keys", { method: "POST", key: fresh.keys.admin, headers: JSON_TYPE, body: typeof body === "string" ? body : JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
  });

  it("never deletes another workspace's key: 404, and the key keeps working", async () => {
    const victim = await (await callRoute(createKey, "/api/v1/api-keys", { method: "POST", key: ws.keys.admin, headers: JSON_TYPE, body: JSON.stringify({ name: "v", role: "viewer" }) })).json();
    const res = await callRoute(deleteKey, `/api/v1/api-keys/${victim.id}`, { method: "DELETE", key: other.keys.admin, params: { id: victim.id } });
    expect(res.status).toBe(404);
    expect((await callRoute(listProducts, "/api/v1/products", { key: victim.key })).status).toBe(200);
  });
});

describe("session cookie", () => {
  it("authenticates a signed-in user with the role of the membership", async () => {
    const user = await createUser(ws.id, "admin");
    const cookie = await sessionCookie({ userId: user.id, workspaceId: ws.id, role: "admin", email: user.email });
    const res = await callRoute(listKeys, "/api/v1/api-keys", { headers: { cookie } });
    expect(res.status).toBe(200);
    // Sessions spend the user's budget, not the IP's.
    expect(res.headers.get("ratelimit-limit")).toBeTruthy();
  });

  it("takes the role from the membership, not from the cookie's claim", async () => {
    const user = await createUser(ws.id, "viewer");
    const cookie = await sessionCookie({ userId: user.id, workspaceId: ws.id, role: "admin", email: user.email });
    expect((await callRoute(listKeys, "/api/v1/api-keys", { headers: { cookie } })).status).toBe(403);
    expect((await callRoute(listProducts, "/api/v1/products", { headers: { cookie } })).status).toBe(200);
  });

  it("refuses a forged, foreign or membership-less cookie with 401", async () => {
    const user = await createUser(ws.id, "admin");
    const forged = await encode({ token: { userId: user.id, workspaceId: ws.id, email: user.email }, secret: "not-our-secret" });
    const foreignWorkspace = await sessionCookie({ userId: user.id, workspaceId: other.id, role: "admin", email: user.email });
    for (const cookie of [`next-auth.session-token=${forged}`, foreignWorkspace, "next-auth.session-token=garbage", "next-auth.session-token=%E0%A4%A"]) {
      expect((await callRoute(listProducts, "/api/v1/products", { headers: { cookie } })).status).toBe(401);
    }
  });

  it("lets an API key win over a cookie, and a bad key is 401 even with a good cookie", async () => {
    const user = await createUser(ws.id, "admin");
    const cookie = await sessionCookie({ userId: user.id, workspaceId: ws.id, role: "admin", email: user.email });
    expect((await callRoute(listKeys, "/api/v1/api-keys", { key: ws.keys.viewer, headers: { cookie } })).status).toBe(403);
    expect((await callRoute(listKeys, "/api/v1/api-keys", { key: "sw_live_revoked", headers: { cookie } })).status).toBe(401);
  });

  it("refuses a cross-site write made with the cookie, allows a same-origin one", async () => {
    const user = await createUser(ws.id, "admin");
    const cookie = await sessionCookie({ userId: user.id, workspaceId: ws.id, role: "admin", email: user.email });
    const body = JSON.stringify({ name: "from the dashboard", role: "viewer" });
    const crossSite = await callRoute(createKey, "/api/v1/api-keys", { method: "POST", headers: { ...JSON_TYPE, cookie, "sec-fetch-site": "cross-site" }, body });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await callRoute(createKey, "/api/v1/api-keys", { method: "POST", headers: { ...JSON_TYPE, cookie, "sec-fetch-site": "same-origin" }, body });
    expect(sameOrigin.status).toBe(201);
  });
});

describe("rate limits on /api/v1", () => {
  it("puts RateLimit-* on successes and errors alike, then answers 429 problem+json with Retry-After", async () => {
    narrowPolicy("apiRead", 3);
    const fresh = await createWorkspace();
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await callRoute(listRuns, "/api/v1/runs", { key: fresh.keys.viewer }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(responses.map((r) => r.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    for (const r of responses) {
      expect(r.headers.get("ratelimit-limit")).toBe("3");
      expect(Number(r.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(0);
      expect(Number(r.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
    }
    const limited = responses[3]!;
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ status: 429, title: "Too many requests" });
    // Another key of the same workspace has its own budget.
    expect((await callRoute(listRuns, "/api/v1/runs", { key: fresh.keys.admin })).status).toBe(200);
  });

  it("counts anonymous callers per client IP (X-Forwarded-For first hop, else X-Real-IP), 401s included", async () => {
    narrowPolicy("apiRead", 2);
    const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const [a, b] = [ip(), `2001:db8:${randomBytes(2).toString("hex")}::1`];
    const call = (headers: Record<string, string>) => callRoute(listRuns, "/api/v1/runs", { headers });
    const first = await call({ "x-forwarded-for": `${a}, 10.0.0.1` });
    expect(first.status).toBe(401);
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect((await call({ "x-real-ip": a })).headers.get("ratelimit-remaining")).toBe("0");
    expect((await call({ "x-forwarded-for": a })).status).toBe(429);
    expect((await call({ "x-forwarded-for": b })).status).toBe(401);
    // Same /64: the same budget.
    expect((await call({ "x-forwarded-for": b.replace(/::1$/, "::2") })).headers.get("ratelimit-remaining")).toBe("0");
  });

  it("spends write budget on writes only", async () => {
    narrowPolicy("apiWrite", 1);
    const fresh = await createWorkspace();
    const post = () => callRoute(createKey, "/api/v1/api-keys", { method: "POST", key: fresh.keys.admin, headers: JSON_TYPE, body: JSON.stringify({ name: "k", role: "viewer" }) });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(429);
    expect((await callRoute(listKeys, "/api/v1/api-keys", { key: fresh.keys.admin })).status).toBe(200);
  });

  it("lets requests through without headers while the limiter's backend is down", async () => {
    const previous = setRateLimiter(createRedisLimiter("redis://127.0.0.1:1", { prefix: "test" }));
    try {
      const res = await callRoute(listRuns, "/api/v1/runs", { key: ws.keys.viewer });
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    } finally {
      await rateLimiter().close();
      if (previous) setRateLimiter(previous);
    }
  });

  it("exposes enforceRateLimit for handlers outside defineRoute (GraphQL)", async () => {
    narrowPolicy("graphql", 1);
    const request = new Request("http://localhost/api/graphql", { headers: { "x-forwarded-for": "203.0.113.77" } });
    const principal = { workspaceId: ws.id, role: "viewer" as const, apiKeyId: randomBytes(8).toString("hex") };
    expect(await enforceRateLimit(request, principal, "graphql")).toMatchObject({ "RateLimit-Limit": "1", "RateLimit-Remaining": "0" });
    await expect(enforceRateLimit(request, principal, "graphql")).rejects.toMatchObject({ status: 429 });
    // The same IP without the key is a different subject.
    expect(await enforceRateLimit(request, null, "graphql")).toMatchObject({ "RateLimit-Remaining": "0" });
  });
});

describe("sign-in", () => {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> } };
  const signIn = (email: string, password: string, ip = "192.0.2.10") => provider.options.authorize({ email, password }, { headers: { "x-forwarded-for": ip } });

  it("signs in with the right password into the user's workspace and role, and not with a wrong one", async () => {
    const user = await createUser(ws.id, "analyst");
    expect(await signIn(user.email.toUpperCase(), user.password, "192.0.2.1")).toEqual({ id: user.id, email: user.email, workspaceId: ws.id, role: "analyst" });
    expect(await signIn(user.email, "wrong password", "192.0.2.1")).toBeNull();
    expect(await signIn("nobody@example.test", "whatever", "192.0.2.1")).toBeNull();
  });

  it("carries userId, workspaceId, role and email from the user into the JWT and the session", async () => {
    const user = { id: "u1", email: "a@example.test", workspaceId: "w1", role: "admin" as const };
    const token = await authOptions.callbacks!.jwt!({ token: {}, user, account: null } as never);
    expect(token).toMatchObject({ userId: "u1", email: "a@example.test", workspaceId: "w1", role: "admin" });
    const session = await authOptions.callbacks!.session!({ session: { expires: "" }, token } as never);
    expect(session.user).toEqual({ userId: "u1", email: "a@example.test", workspaceId: "w1", role: "admin" });
  });

  it("throttles attempts per email, across IPs, even with the right password", async () => {
    narrowPolicy("signInEmail", 3, 900_000);
    const user = await createUser(ws.id, "viewer");
    for (let i = 0; i < 3; i++) expect(await signIn(user.email, "wrong", `192.0.2.${20 + i}`)).toBeNull();
    await expect(signIn(user.email, user.password, "192.0.2.30")).rejects.toThrow(SIGN_IN_ERRORS.throttled);
    // Other accounts are unaffected.
    const second = await createUser(ws.id, "viewer");
    expect(await signIn(second.email, second.password, "192.0.2.31")).toMatchObject({ id: second.id });
  });

  it("throttles attempts per IP, across emails", async () => {
    narrowPolicy("signInIp", 2, 900_000);
    const ip = `192.0.2.${100 + Math.floor(Math.random() * 100)}`;
    expect(await signIn(`a-${ip}@example.test`, "x", ip)).toBeNull();
    expect(await signIn(`b-${ip}@example.test`, "x", ip)).toBeNull();
    const user = await createUser(ws.id, "viewer");
    await expect(signIn(user.email, user.password, ip)).rejects.toThrow(SIGN_IN_ERRORS.throttled);
    expect(await signIn(user.email, user.password, "192.0.2.250")).toMatchObject({ id: user.id });
  });
});
