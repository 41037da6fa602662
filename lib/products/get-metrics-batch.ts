import "server-only";
import type { ProductMetricsDaily } from "@/db/schema";
import { getDb } from "@/db/client";
import { getMetricsSeriesMany, getProductLatestMany } from "@/db/queries/product-reads";
import { readThroughMany } from "@/lib/cache/read-through";
import type { CacheOutcome } from "@/lib/http/responses";
import { metricsCacheKey, productCacheKey } from "./cache-keys";
import { presentMetricsSeries, presentProductLatest } from "./present";

export interface MetricsBatchInput {
  /** Distinct, normalised ASINs. */
  asins: string[];
  marketplace: string;
  range: { from: string; to: string } | null;
}

/** The serialised answer and where it came from: MISS if any key was computed, else STALE if any was stale, else HIT. */
export interface MetricsBatchAnswer {
  body: string;
  cache: CacheOutcome;
}

/**
 * Latest snapshots (and series when a range is named) of many products, read through the cache
 * under the same keys as the single reads: one multi-get, then one query per kind of miss.
 */
export async function getMetricsBatch(input: MetricsBatchInput): Promise<MetricsBatchAnswer> {
  const { asins, marketplace, range } = input;
  const latestKeys = asins.map((asin) => productCacheKey(asin, marketplace));
  const seriesKeys = range ? asins.map((asin) => metricsCacheKey(asin, marketplace, range.from, range.to)) : [];
  const byKey = new Map<string, string>([...latestKeys, ...seriesKeys].map((key, i) => [key, asins[i % asins.length]!]));

  const answers = await readThroughMany([...latestKeys, ...seriesKeys], { scopes: ["data"] }, async (missing) => {
    const db = await getDb();
    const values = new Map<string, unknown>();
    const latestMisses = missing.filter((key) => key.startsWith("product:")).map((key) => byKey.get(key)!);
    const seriesMisses = missing.filter((key) => key.startsWith("metrics:")).map((key) => byKey.get(key)!);
    const [latestRows, seriesRows] = await Promise.all([
      latestMisses.length > 0 ? getProductLatestMany(db, latestMisses, marketplace) : [],
      range && seriesMisses.length > 0 ? getMetricsSeriesMany(db, seriesMisses, marketplace, range.from, range.to) : [],
    ]);
    for (const row of latestRows) values.set(productCacheKey(row.asin, marketplace), presentProductLatest(row));
    if (range) {
      const days = new Map<string, ProductMetricsDaily[]>();
      for (const { asin, day } of seriesRows) {
        const list = days.get(asin) ?? [];
        if (day) list.push(day);
        days.set(asin, list);
      }
      for (const [asin, rows] of days) values.set(metricsCacheKey(asin, marketplace, range.from, range.to), presentMetricsSeries(asin, marketplace, range.from, range.to, rows));
    }
    return values;
  });

  // Cached bodies are spliced in as they are: a hit costs no JSON parse of the snapshot.
  const items: string[] = [];
  const missing: string[] = [];
  asins.forEach((asin, i) => {
    const latest = answers[i];
    if (!latest) return void missing.push(asin);
    const series = range ? answers[asins.length + i] : null;
    const points = series ? `,"points":${JSON.stringify((JSON.parse(series.body) as { points: unknown[] }).points)}` : range ? ',"points":[]' : "";
    items.push(`${JSON.stringify(asin)}:{"latest":${latest.body}${points}}`);
  });
  // A cached "not found" carries no outcome of its own; it never makes a batch a MISS.
  const outcomes = new Set(answers.flatMap((a) => (a ? [a.cache] : [])));
  const cache: CacheOutcome = outcomes.has("MISS") || outcomes.size === 0 ? "MISS" : outcomes.has("STALE") ? "STALE" : "HIT";
  return { body: `{"items":{${items.join(",")}},"missing":${JSON.stringify(missing)}}`, cache };
}
