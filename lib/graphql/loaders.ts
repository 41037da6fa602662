import "server-only";
import DataLoader from "dataloader";
import { getDb } from "@/db/client";
import { comparisonRowsMany, latestReportsMany } from "@/db/queries/competition-batches";
import { getMetricsSeriesMany, getProductLatestMany, productsExist, type ProductKey } from "@/db/queries/product-batches";
import type { Principal } from "@/lib/auth/roles";
import { presentComparisonDay, type presentCompetition } from "@/lib/competitions/present";
import { presentReport, type PresentedReport } from "@/lib/reports/present";
import type { CacheableBody } from "@/lib/http/responses";
import { presentMetricsPoint, presentProductLatest } from "@/lib/products/present";
import type { CacheOutcomes } from "./context";
import { readThroughMany } from "./read-through-many";

export type PresentedLatest = ReturnType<typeof presentProductLatest>;
export type PresentedPoint = ReturnType<typeof presentMetricsPoint>;
export interface SeriesKey extends ProductKey {
  from: string;
  to: string;
}
interface PresentedSeries {
  points: PresentedPoint[];
}
export type PresentedCompetition = ReturnType<typeof presentCompetition>;
export type PresentedComparison = { competition_id: string; name: string; main_asin: string; date: string | null } & Omit<ReturnType<typeof presentComparisonDay>, "date">;
export interface ComparisonKey {
  competition: PresentedCompetition;
  /** null: the latest compared day. */
  date: string | null;
}
export interface ReportsKey {
  competitionId: string;
  first: number;
}

// Keys and values match the REST reads (lib/products/get-product.ts, get-metrics.ts), so a
// product read over GraphQL warms the cache for REST and the other way round.
const latestCacheKey = (k: ProductKey) => `product:${k.marketplace}:${k.asin}`;
const seriesCacheKey = (k: SeriesKey) => `metrics:${k.marketplace}:${k.asin}:${k.from}:${k.to}`;
const productId = (k: ProductKey) => `${k.marketplace}:${k.asin}`;

async function loadLatest(keys: ProductKey[]): Promise<(PresentedLatest | null)[]> {
  const rows = await getProductLatestMany(await getDb(), keys);
  return rows.map((row) => row && presentProductLatest(row));
}

/** Series grouped by range (one query each, usually one in all); unknown products are null, as in REST. */
async function loadSeries(keys: SeriesKey[]): Promise<unknown[]> {
  const db = await getDb();
  const points = await inGroups(keys, (k) => `${k.from}:${k.to}`, async (group) =>
    (await getMetricsSeriesMany(db, group, group[0]!.from, group[0]!.to)).map((rows) => rows.map(presentMetricsPoint)),
  );
  const empty = keys.filter((_, i) => points[i]!.length === 0);
  const exists = new Map((await productsExist(db, empty)).map((found, i) => [seriesCacheKey(empty[i]!), found]));
  return keys.map((k, i) =>
    points[i]!.length === 0 && !exists.get(seriesCacheKey(k)) ? null : { asin: k.asin, marketplace: k.marketplace, from: k.from, to: k.to, points: points[i] },
  );
}

/**
 * The comparison of many competitions, the value lib/competitions/get-comparison.ts computes for
 * one (the same key, so REST and GraphQL share it). The parents are the caller's own
 * competitions, already read from its workspace.
 */
async function loadComparisons(keys: ComparisonKey[]): Promise<PresentedComparison[]> {
  const db = await getDb();
  const rows = await comparisonRowsMany(db, keys.map((k) => k.competition.id), keys[0]!.date);
  return keys.map(({ competition: c, date }, i) => {
    const head = { competition_id: c.id, name: c.name, main_asin: c.main_asin };
    const day = rows[i]!;
    if (day.length === 0) return { ...head, date, currency: null, main: null, competitors: [], summary: null };
    return { ...head, ...presentComparisonDay(day[0]!.date, day, [c.main_asin, ...c.competitor_asins]) };
  });
}

/** Groups keys by one property so each group is loaded with one statement. */
function inGroups<K, V>(keys: readonly K[], groupOf: (key: K) => string, loadGroup: (group: K[]) => Promise<V[]>): Promise<V[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const g = groupOf(k);
    const members = groups.get(g);
    if (members) members.push(i);
    else groups.set(g, [i]);
  });
  const values: V[] = new Array(keys.length);
  return Promise.all(
    [...groups.values()].map(async (indexes) => {
      const loaded = await loadGroup(indexes.map((i) => keys[i]!));
      indexes.forEach((keyIndex, j) => (values[keyIndex] = loaded[j]!));
    }),
  ).then(() => values);
}

function parseBodies<T>(bodies: (CacheableBody | null)[], cache: CacheOutcomes): (T | null)[] {
  return bodies.map((b) => {
    if (!b) return null;
    cache.note(b.cache);
    return JSON.parse(b.body) as T;
  });
}

/** One set per request: batching and memoisation never cross requests (or workspaces). */
export function createLoaders(principal: Principal, cache: CacheOutcomes) {
  const { workspaceId } = principal;
  return {
    productLatest: new DataLoader<ProductKey, PresentedLatest | null, string>(
      async (keys) =>
        parseBodies<PresentedLatest>(
          await readThroughMany(keys.map((k) => ({ key: latestCacheKey(k), id: k })), { scopes: ["data"] }, loadLatest),
          cache,
        ),
      { cacheKeyFn: productId },
    ),
    productSeries: new DataLoader<SeriesKey, PresentedPoint[] | null, string>(
      async (keys) =>
        parseBodies<PresentedSeries>(
          await readThroughMany(keys.map((k) => ({ key: seriesCacheKey(k), id: k })), { scopes: ["data"] }, loadSeries),
          cache,
        ).map((series) => series?.points ?? null),
      { cacheKeyFn: seriesCacheKey },
    ),
    comparison: new DataLoader<ComparisonKey, PresentedComparison, string>(
      (keys) =>
        inGroups(keys, (k) => k.date ?? "latest", async (group) =>
          parseBodies<PresentedComparison>(
            await readThroughMany(
              group.map((k) => ({ key: `comparison:${workspaceId}:${k.competition.id}:${k.date ?? "latest"}`, id: k })),
              { scopes: ["data", `ws:${workspaceId}`] },
              loadComparisons,
            ),
            cache,
          ).map((value) => value!),
        ),
      { cacheKeyFn: (k) => `${k.competition.id}:${k.date ?? "latest"}` },
    ),
    reports: new DataLoader<ReportsKey, PresentedReport[], string>(
      (keys) =>
        inGroups(keys, (k) => String(k.first), async (group) =>
          parseBodies<{ items: PresentedReport[] }>(
            await readThroughMany(
              group.map((k) => ({ key: `competition-reports:${workspaceId}:${k.competitionId}:${k.first}`, id: k })),
              { scopes: [`ws:${workspaceId}`] },
              async (ids) =>
                (await latestReportsMany(await getDb(), workspaceId, ids.map((k) => k.competitionId), ids[0]!.first)).map((rows) => ({
                  items: rows.map((r) => presentReport(r, { facts: false })),
                })),
            ),
            cache,
          ).map((value) => value!.items),
        ),
      { cacheKeyFn: (k) => `${k.competitionId}:${k.first}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
