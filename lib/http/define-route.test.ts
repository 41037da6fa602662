import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { BODY_LIMIT_BYTES } from "@/lib/http/parse-input";
import { jsonResponse } from "@/lib/http/responses";
import { testDatabase } from "@/test/support/database";
import { callRoute } from "@/test/support/call-route";
import { createWorkspace } from "@/test/support/fixtures";

const MiB = 1024 * 1024;
const JSON_TYPE = { "content-type": "application/json" };
const UUID = /^[0-9a-f-]{36}$/;

// Throwaway routes: a public POST with a body schema, a public GET with a query schema, an analyst-only POST.
const itemSchema = z.object({
  name: z.string().min(1),
  count: z.number().int().optional(),
  tags: z.array(z.string()).optional(),
});

const postItem = defineRoute({ route: "/test/items", access: { kind: "public" }, body: itemSchema }, async ({ body }) =>
  jsonResponse({
    keys: Object.keys(body),
    nameLength: body.name.length,
    count: body.count ?? null,
    plainPrototype: Object.getPrototypeOf(body) === Object.prototype,
  }),
);

const listItems = defineRoute(
  {
    route: "/test/items",
    access: { kind: "public" },
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), q: z.string().optional() }),
  },
  async ({ query }) => jsonResponse({ query, keys: Object.keys(query) }),
);

const analystOnly = defineRoute(
  { route: "/test/analyst", access: { kind: "role", role: "analyst" }, body: itemSchema },
  async ({ principal, body }) => jsonResponse({ role: principal?.role, workspace: principal?.workspaceId, name: body.name }),
);

const SECRET = "db password hunter2 at /srv/app/lib/secret.ts:42";
const explodes = defineRoute({ route: "/test/explodes", access: { kind: "public" } }, async () => {
  throw new TypeError(SECRET);
});

const post = (handler: typeof postItem, body: BodyInit | undefined, headers: Record<string, string> = JSON_TYPE, key?: string) =>
  callRoute(handler, "/test/items", { method: "POST", body, headers, key });

/** A JSON document of exactly `bytes` bytes: {"name":"xxxx…"}. */
function jsonOfSize(bytes: number): string {
  const shell = '{"name":""}';
  return `{"name":"${"x".repeat(bytes - shell.length)}"}`;
}

/** A body without Content-Length, delivered in chunks; counts how many chunks were pulled. */
function chunkedBody(totalBytes: number, chunkBytes = 64 * 1024) {
  const state = { pulled: 0, sent: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.sent >= totalBytes) return controller.close();
        const size = Math.min(chunkBytes, totalBytes - state.sent);
        // A JSON string literal split across chunks: '"xxxx…x"'.
        const chunk = new Uint8Array(size).fill(0x78);
        if (state.sent === 0) chunk[0] = 0x22;
        if (state.sent + size === totalBytes) chunk[size - 1] = 0x22;
        state.sent += size;
        state.pulled += 1;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.headers.get("x-request-id")).toMatch(UUID);
  const body = await res.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https?:\/\//), title: expect.any(String), detail: expect.any(String) });
  expect(body.request_id).toBe(res.headers.get("x-request-id"));
  return body;
}

let ws: Awaited<ReturnType<typeof createWorkspace>>;

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
});

describe("defineRoute: JSON bodies", () => {
  it("passes a valid body to the handler", async () => {
    const res = await post(postItem, JSON.stringify({ name: "kettle", count: 3 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ keys: ["name", "count"], nameLength: 6, count: 3 });
  });

  it("answers 400 problem+json for malformed JSON", async () => {
    for (const text of ['{"name": "x"', "{name: 'x'}", "not json", '{"name":"x"}}']) {
      const body = await expectProblem(await post(postItem, text), 400);
      expect(body.detail, text).toMatch(/json/i);
    }
  });

  it("answers 400 with field errors naming body.<field> for wrong types", async () => {
    const res = await post(postItem, JSON.stringify({ name: 5, count: "three", tags: ["ok", 7] }));
    const body = await expectProblem(res, 400);
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["body.count", "body.name", "body.tags.1"]);
    for (const e of body.errors) expect(e.message).toEqual(expect.any(String));
  });

  it("ignores unknown JSON fields: the handler never sees them", async () => {
    const res = await post(postItem, JSON.stringify({ name: "kettle", colour: "red", nested: { deep: true } }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.keys).toEqual(["name"]);
    expect(JSON.stringify(body)).not.toMatch(/colour|red|nested/);
  });

  it("answers 400 for a missing or blank body when the schema needs one", async () => {
    for (const body of [undefined, "", "   \n"]) {
      const problem = await expectProblem(await post(postItem, body), 400);
      expect(problem.errors, JSON.stringify(body)).toEqual([expect.objectContaining({ path: "body" })]);
    }
  });

  it("answers 415 for a body that is not JSON", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonp"]) {
      await expectProblem(await post(postItem, JSON.stringify({ name: "x" }), { "content-type": type }), 415);
    }
    // A string body without a type is sent as text/plain by fetch.
    await expectProblem(await post(postItem, JSON.stringify({ name: "x" }), {}), 415);
    // Structured-syntax JSON types are JSON.
    expect((await post(postItem, JSON.stringify({ name: "x" }), { "content-type": "application/merge-patch+json" })).status).toBe(200);
  });

  it("does not let __proto__ or constructor keys pollute Object.prototype", async () => {
    const payloads = [
      '{"name":"a","__proto__":{"polluted":1}}',
      '{"__proto__":{"polluted":1},"name":"a"}',
      '{"name":"a","constructor":{"prototype":{"polluted":1}}}',
      '{"name":"a","tags":["x"],"__proto__":{"name":"forged","polluted":1}}',
    ];
    for (const payload of payloads) {
      const res = await post(postItem, payload);
      expect(res.status, payload).toBe(200);
      const body = await res.json();
      expect(body.plainPrototype, payload).toBe(true);
      expect(body.nameLength, payload).toBe(1);
    }
    const res = await callRoute(listItems, "/test/items?__proto__=x&constructor=y&limit=2");
    expect(await res.json()).toMatchObject({ keys: ["limit"] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(typeof ({} as { constructor: unknown }).constructor).toBe("function");
  });
});

describe("defineRoute: the 1 MiB body limit", () => {
  it("refuses a declared Content-Length over 1 MiB with 413 before reading the body", async () => {
    const { stream, state } = chunkedBody(4 * MiB);
    const res = await post(postItem, stream, { ...JSON_TYPE, "content-length": String(MiB + 1) });
    await expectProblem(res, 413);
    expect(state.pulled).toBe(0);
  });

  it("refuses a chunked body (no Content-Length) once it passes 1 MiB, without draining it", async () => {
    const { stream, state } = chunkedBody(8 * MiB);
    await expectProblem(await post(postItem, stream), 413);
    // 16 chunks of 64 KiB fill the limit; the 17th passes it and the rest is never pulled.
    expect(state.pulled).toBeLessThanOrEqual(18);
    expect(state.sent).toBeLessThan(2 * MiB);
  });

  it("refuses a chunked body of 1 MiB + 1 byte", async () => {
    const { stream } = chunkedBody(MiB + 1);
    await expectProblem(await post(postItem, stream), 413);
  });

  it("accepts exactly 1 MiB, declared or chunked", async () => {
    expect(BODY_LIMIT_BYTES).toBe(MiB);
    const text = jsonOfSize(MiB);
    expect(Buffer.byteLength(text)).toBe(MiB);
    const declared = await post(postItem, text, { ...JSON_TYPE, "content-length": String(MiB) });
    expect(declared.status).toBe(200);
    expect((await declared.json()).nameLength).toBe(MiB - '{"name":""}'.length);

    // A chunked stream of a 1 MiB JSON string literal: valid JSON, wrong type → 400, not 413.
    const { stream } = chunkedBody(MiB);
    const chunked = await expectProblem(await post(postItem, stream), 400);
    expect(chunked.errors).toEqual([expect.objectContaining({ path: "body" })]);
  });
});

describe("defineRoute: query strings", () => {
  it("parses and defaults query parameters", async () => {
    const res = await callRoute(listItems, "/test/items?q=mug&limit=5");
    expect(await res.json()).toMatchObject({ query: { q: "mug", limit: 5 } });
    expect((await (await callRoute(listItems, "/test/items")).json()).query).toEqual({ limit: 50 });
  });

  it("answers 400 naming query.<param> for a wrong type", async () => {
    for (const qs of ["?limit=abc", "?limit=0", "?limit=1.5", "?limit=201"]) {
      const body = await expectProblem(await callRoute(listItems, `/test/items${qs}`), 400);
      expect(body.errors, qs).toEqual([expect.objectContaining({ path: "query.limit" })]);
    }
  });
});

describe("defineRoute: unexpected errors", () => {
  it("answers 500 problem+json without the stack or the error's message, with the request id", async () => {
    const res = await callRoute(explodes, "/test/explodes", { headers: { "x-request-id": "trace-500" } });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("x-request-id")).toBe("trace-500");
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("secret.ts");
    expect(text).not.toMatch(/TypeError|\bat .*:\d+|stack/i);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ status: 500, request_id: "trace-500" });
    expect(Object.keys(body).sort()).toEqual(["detail", "request_id", "status", "title", "type"]);
  });
});

describe("defineRoute: X-Request-Id", () => {
  it("is on every response, success or error", async () => {
    const responses = [
      await post(postItem, JSON.stringify({ name: "x" })),
      await post(postItem, "{"),
      await post(postItem, "x", { "content-type": "text/plain" }),
      await post(postItem, "{}", { ...JSON_TYPE, "content-length": String(2 * MiB) }),
      await callRoute(analystOnly, "/test/analyst", { method: "POST" }),
      await callRoute(analystOnly, "/test/analyst", { method: "POST", key: ws.keys.viewer, body: "{}", headers: JSON_TYPE }),
      await callRoute(explodes, "/test/explodes"),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 400, 415, 413, 401, 403, 500]);
    const ids = responses.map((r) => r.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("replaces a hostile or oversized client id instead of echoing it", async () => {
    // Fetch refuses a raw newline in a header value, so the hostile id here carries spaces and markup.
    for (const hostile of ["a b <script>", "<script>alert(1)</script>", "x".repeat(129), "id;rm -rf"]) {
      const res = await post(postItem, "{", { ...JSON_TYPE, "x-request-id": hostile });
      const id = res.headers.get("x-request-id");
      expect(id, hostile).toMatch(UUID);
      expect((await res.json()).request_id).toBe(id);
    }
    const sane = await post(postItem, "{", { ...JSON_TYPE, "x-request-id": "req-01.ab:cd_EF" });
    expect(sane.headers.get("x-request-id")).toBe("req-01.ab:cd_EF");
  });
});

describe("defineRoute: authentication and roles", () => {
  const callAnalyst = (headers: Record<string, string>, key?: string) =>
    callRoute(analystOnly, "/test/analyst", { method: "POST", key, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ name: "x" }) });

  it("lets analyst and admin keys in, with their workspace", async () => {
    for (const role of ["analyst", "admin"] as const) {
      const res = await callAnalyst({}, ws.keys[role]);
      expect(res.status, role).toBe(200);
      expect(await res.json()).toEqual({ role, workspace: ws.id, name: "x" });
    }
  });

  it("answers 403 for a viewer key on an analyst route", async () => {
    const body = await expectProblem(await callAnalyst({}, ws.keys.viewer), 403);
    expect(body.detail).toContain("analyst");
  });

  it("answers 401 with WWW-Authenticate for missing, malformed or unknown credentials", async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: "Basic xyz" },
      { authorization: "Bearer" },
      { authorization: "Bearer " },
      { authorization: "Bearer two tokens" },
      { authorization: `Token ${ws.keys.admin}` },
      { authorization: "Bearer sw_live_not-a-real-key" },
    ];
    for (const headers of cases) {
      const res = await callAnalyst(headers);
      await expectProblem(res, 401);
      expect(res.headers.get("www-authenticate"), JSON.stringify(headers)).toMatch(/^Bearer/);
    }
  });

  it("authenticates before reading the body: no credentials and malformed JSON is 401", async () => {
    const res = await callRoute(analystOnly, "/test/analyst", { method: "POST", headers: JSON_TYPE, body: "{" });
    await expectProblem(res, 401);
  });
});
