import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { queryRows, type Database } from "@/db/client";
import type { RouteContract } from "@/lib/http/contract";
import { allContracts } from "@/lib/openapi/build-document";
import { discoverRoutes, type DiscoveredRoute } from "@/test/support/api-routes";
import { testDatabase } from "@/test/support/database";
import { createWorkspace } from "@/test/support/fixtures";

// Property: whatever malformed input reaches a route — path params, query, body, content type,
// credentials — the answer is never a 5xx, and the database is exactly as it was. Routes are found
// on disk. Where a route has a contract, every generated request is checked against its schemas
// and only ones that fail at least one of them are sent, so "nothing changed" is a real claim.
const RUNS_WITH_CONTRACT = Number(process.env.FUZZ_RUNS ?? 30);
const RUNS_WITHOUT_CONTRACT = Math.ceil(RUNS_WITH_CONTRACT / 2);
// Not ours to fuzz: next-auth's own handler needs the Next.js request scope; the bench floor is off.
const SKIPPED = new Set(["/api/auth/{nextauth}", "/api/bench/floor", "/api/bench/floor/{id}"]);

interface FuzzRequest {
  params: Record<string, string>;
  query: Array<[string, string]>;
  body: { text: string; contentType: string | null } | null;
  caller: "admin" | "analyst" | "viewer" | "anonymous" | "bogus";
}

const nasty = fc.constantFrom("", " ", "..", "../../etc/passwd", "%00", "\u0000", "'; drop table app.workspaces;--", "${7*7}", "<script>", "NaN", "-1", "1e309", "0x10", "9".repeat(40), "2026-02-30", "null", "[]", "{}", "B0".repeat(50), "00000000-0000-0000-0000-00000000000g", "ünïcödé", "🚀🚀🚀");
const text = fc.oneof(nasty, fc.string(), fc.string({ unit: "grapheme", maxLength: 30 }));
const brokenJson = fc.constantFrom('{"asins":', "[", "nul", "{'a':1}", '{"a":1}}', "\u0000", '{"__proto__":{"polluted":true}}');

/** Keys of an object schema, looking through pipes, transforms, defaults and optionals. */
function keysOf(schema: z.ZodType | undefined): string[] {
  const def = (schema as { _zod?: { def: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return [];
  if (def.type === "object") return Object.keys(def.shape as object);
  if (def.type === "pipe") return [...keysOf(def.in as z.ZodType), ...keysOf(def.out as z.ZodType)];
  return "innerType" in def ? keysOf(def.innerType as z.ZodType) : [];
}

function requestArbitrary(route: DiscoveredRoute, contract: RouteContract | undefined): fc.Arbitrary<FuzzRequest> {
  const knownQuery = [...new Set([...keysOf(contract?.query), "limit", "cursor", "from", "to", "marketplace", "q", "sort", "status", "since"])];
  const bodyKeys = keysOf(contract?.body);
  // Without a contract nothing can vouch that an object body is invalid, so none is sent.
  const jsonBody = contract
    ? fc.oneof(fc.jsonValue(), fc.dictionary(fc.oneof(fc.constantFrom(...(bodyKeys.length ? bodyKeys : ["x"])), fc.string()), fc.jsonValue(), { maxKeys: 4 }))
    : fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.integer(), fc.boolean());
  const body = fc.oneof(
    jsonBody.map((value) => ({ text: JSON.stringify(value) ?? "", contentType: "application/json" as string | null })),
    brokenJson.map((t) => ({ text: t, contentType: "application/json" })),
    fc.record({ text: text.filter((t) => t !== ""), contentType: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", null) }),
  );
  return fc.record({
    params: fc.record(Object.fromEntries(route.params.map((name) => [name, text]))) as fc.Arbitrary<Record<string, string>>,
    query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...knownQuery), fc.string({ maxLength: 8 })), text), { maxLength: 4 }),
    body: route.method === "GET" ? fc.constant(null) : fc.option(body, { nil: null }),
    caller: fc.constantFrom("admin", "admin", "admin", "analyst", "viewer", "anonymous", "bogus"),
  });
}

function urlOf(route: DiscoveredRoute, req: FuzzRequest): URL {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(req.params[name] ?? ""));
  const url = new URL(path, "http://localhost");
  for (const [k, v] of req.query) url.searchParams.append(k, v);
  return url;
}

/** True when defineRoute would refuse the request with a 4xx before the handler runs (as parse-input reads it). */
function failsContract(contract: RouteContract, req: FuzzRequest, url: URL): boolean {
  if (contract.params && !contract.params.safeParse(req.params).success) return true;
  if (contract.query && !contract.query.safeParse(Object.fromEntries(url.searchParams)).success) return true;
  if (!contract.body) return false;
  if (!req.body) return !contract.body.safeParse(undefined).success;
  if (!/^application\/(.+\+)?json\b/i.test(req.body.contentType ?? "")) return true;
  if (req.body.text.trim() === "") return !contract.body.safeParse(undefined).success;
  try {
    return !contract.body.safeParse(JSON.parse(req.body.text)).success;
  } catch {
    return true;
  }
}

/** Row count and content hash of every table of the four schemas. */
async function databaseChecksum(db: Database): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_schema in ('app', 'core', 'mart', 'staging') and table_type = 'BASE TABLE' order by 1`,
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; h: string }>(
      db,
      sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${name} t`),
    );
    sums[name] = `${row!.n}:${row!.h}`;
  }
  return sums;
}

/** Waits until nothing else (a run started by an earlier file of this worker) is still writing. */
async function quietChecksum(db: Database): Promise<Record<string, string>> {
  let previous = await databaseChecksum(db);
  for (let attempt = 0; attempt < 60; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = await databaseChecksum(db);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  throw new Error("the database never stopped changing");
}

let db: Database;
let routes: DiscoveredRoute[];
const contracts = new Map<string, RouteContract>();

beforeAll(async () => {
  ({ db } = await testDatabase());
  routes = (await discoverRoutes("api")).filter((r) => !SKIPPED.has(r.path));
  for (const { contract } of allContracts()) contracts.set(`${contract.method} ${contract.route}`, contract);
});

describe("fuzz: malformed requests to every route", () => {
  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it("never answers 5xx and never changes the database", async () => {
    const report: string[] = [];
    for (const route of routes) {
      const contract = contracts.get(`${route.method} ${route.path}`);
      // A route with no input at all has nothing to get wrong; reads of that kind are still sent junk.
      const validates = Boolean(contract && (contract.params || contract.query || contract.body));
      if (contract && !validates && route.method !== "GET") continue;
      // Fresh keys per route keep the per-key rate limits out of the way; one read per key makes its
      // "last used" stamp happen before the checksum, not during the run.
      const ws = await createWorkspace();
      const keys: Record<FuzzRequest["caller"], string | null> = { ...ws.keys, anonymous: null, bogus: "sw_live_bogus" };
      const warm = routes.find((r) => r.path === "/api/v1/products" && r.method === "GET")!;
      for (const key of Object.values(ws.keys)) await warm.handler(new Request("http://localhost/api/v1/products", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
      const before = await quietChecksum(db);
      const statuses = new Map<number, number>();
      await fc
        .assert(
        fc.asyncProperty(requestArbitrary(route, contract), async (req) => {
          const url = urlOf(route, req);
          if (contract && validates) fc.pre(failsContract(contract, req, url));
          const headers = new Headers();
          const key = keys[req.caller];
          if (key) headers.set("authorization", `Bearer ${key}`);
          if (req.body?.contentType) headers.set("content-type", req.body.contentType);
          const request = new Request(url, { method: route.method, headers, body: req.body?.text });
          const res = await route.handler(request, { params: Promise.resolve(req.params) });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${route.method} ${url.pathname}${url.search} → ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
          if (contract && res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
        }),
        { numRuns: contract ? RUNS_WITH_CONTRACT : RUNS_WITHOUT_CONTRACT, maxSkipsPerRun: 200 },
        )
        .catch((error: Error) => {
          throw new Error(`${route.method} ${route.path}: ${error.message}`);
        });
      const after = await databaseChecksum(db);
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      expect(changed, `${route.method} ${route.path} changed the database`).toEqual([]);
      // The requests got past authentication to the input checks, not just bounced with 401/403.
      if (validates) expect([400, 413, 415].some((s) => statuses.has(s)), `${route.method} ${route.path}: ${[...statuses]}`).toBe(true);
      report.push(`${route.method} ${route.path}${contract ? "" : " (no contract)"}: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ")}`);
    }
    console.info(`fuzz: statuses per route\n${report.join("\n")}`);
    expect(report.length).toBeGreaterThan(15);
  }, 600_000);
});
