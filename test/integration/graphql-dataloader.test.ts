import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/graphql/route";
import { bumpVersion } from "@/lib/cache/data-version";
import { createCompetition } from "@/lib/competitions/create-competition";
import { addDays, todayUtc } from "@/lib/dates";
import manifest from "@/lib/graphql/manifest.json";
import { metrics } from "@/lib/observability/metrics";
import { testDatabase } from "@/test/support/database";
import { createWorkspace, storeProduct } from "@/test/support/fixtures";
import { apqQuery, getPersisted } from "@/test/support/graphql-client";

// Every query in db/queries is wrapped in timedQuery, so the histogram's count is the number of
// queries the database answered.
async function queriesSoFar(): Promise<number> {
  const { values } = await metrics().dbQueryDuration.get();
  return values.filter((v) => v.metricName === "db_query_duration_seconds_count").reduce((sum, v) => sum + v.value, 0);
}

async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const before = await queriesSoFar();
  await run();
  return (await queriesSoFar()) - before;
}

const route = (request: Request) => (request.method === "GET" ? GET(request) : POST(request));
const overviewHash = manifest.operations.find((op) => op.name === "CompetitionsOverview")!.hash;
const COMPETITIONS = 50;

let ws: Awaited<ReturnType<typeof createWorkspace>>;

/** Makes every cached answer of the workspace and of the mart unreachable: the next read is cold. */
async function coldCache(): Promise<void> {
  await bumpVersion("data");
  await bumpVersion(`ws:${ws.id}`);
}

async function overview(first: number) {
  const response = await getPersisted(route, overviewHash, { first }, { key: ws.keys.viewer });
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  return { response, items: body.data.competitions.items as Array<{ main: { latest: { price: number } }; competitors: Array<{ latest: { price: number } | null }> }> };
}

beforeAll(async () => {
  await testDatabase();
  ws = await createWorkspace();
  const end = addDays(todayUtc(), -1);
  const pool = await Promise.all(Array.from({ length: 15 }, (_, i) => storeProduct({ end, days: 3, day: () => ({ priceCents: 1000 + i }) })));
  for (let c = 0; c < COMPETITIONS; c += 1) {
    const members = Array.from({ length: 11 }, (_, m) => pool[(c + m) % pool.length]!);
    await createCompetition({
      workspaceId: ws.id,
      competition: { name: `Set ${c}`, mainAsin: members[0]!, competitorAsins: members.slice(1), marketplace: "US", weeklyReport: false },
    });
  }
  await overview(1); // resolves the API key once, outside the measurements
}, 120_000);

describe("DataLoader batching", () => {
  it(`resolves ${COMPETITIONS} competitions with members and latest metrics in as many queries as 5`, async () => {
    await coldCache();
    let five: Awaited<ReturnType<typeof overview>> | undefined;
    const fewQueries = await queriesDuring(async () => (five = await overview(5)));
    await coldCache();
    let all: Awaited<ReturnType<typeof overview>> | undefined;
    const manyQueries = await queriesDuring(async () => (all = await overview(COMPETITIONS)));

    expect(five!.items).toHaveLength(5);
    expect(all!.items).toHaveLength(COMPETITIONS);
    for (const item of all!.items) {
      expect(item.competitors).toHaveLength(10);
      expect(item.main.latest.price).toBeGreaterThanOrEqual(1000);
      for (const competitor of item.competitors) expect(competitor.latest!.price).toBeGreaterThanOrEqual(1000);
    }
    // The competitions page (with members) and one batch of mart rows, whatever the count.
    expect(manyQueries).toBe(fewQueries);
    expect(manyQueries).toBeGreaterThan(0); // really cold
    expect(manyQueries).toBeLessThanOrEqual(2);
    expect(all!.response.headers.get("x-cache")).toBe("MISS");
  });

  it("answers a repeat from the cache without touching the database", async () => {
    await overview(COMPETITIONS);
    let repeat: Awaited<ReturnType<typeof overview>> | undefined;
    expect(await queriesDuring(async () => (repeat = await overview(COMPETITIONS)))).toBe(0);
    expect(repeat!.response.headers.get("x-cache")).toBe("HIT");
  });

  it("batches comparisons and reports of every competition too", async () => {
    const document = `query Sets($first: Int!) {
      competitions(first: $first) { items { id comparison { date summary { members cheapest { asin value } } } reports(first: 3) { id } } }
    } # ${randomUUID()}`;
    const run = async (first: number) => {
      const body = await (await apqQuery(route, document, { first }, { key: ws.keys.viewer })).json();
      expect(body.errors).toBeUndefined();
      return body.data.competitions.items as Array<{ comparison: { date: string; summary: { members: number } }; reports: unknown[] }>;
    };
    await run(1); // registers the document
    await coldCache();
    const fewQueries = await queriesDuring(() => run(5));
    await coldCache();
    let items: Awaited<ReturnType<typeof run>> = [];
    const manyQueries = await queriesDuring(async () => (items = await run(COMPETITIONS)));
    expect(items).toHaveLength(COMPETITIONS);
    for (const item of items) {
      expect(item.comparison).toMatchObject({ date: addDays(todayUtc(), -1), summary: { members: 11 } });
      expect(item.reports).toEqual([]);
    }
    expect(manyQueries).toBe(fewQueries);
    expect(manyQueries).toBeGreaterThan(0);
    expect(manyQueries).toBeLessThanOrEqual(3);
  });
});
