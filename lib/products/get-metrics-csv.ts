import "server-only";
import { stringify } from "csv-stringify/sync";
import { etagOf, type CacheableBody } from "@/lib/http/responses";
import { getProductMetrics } from "./get-metrics";
import type { MetricsPoint } from "./responses";

const COLUMNS: Array<keyof MetricsPoint> = [
  "date", "currency", "price", "list_price", "bsr", "bsr_category", "rating", "reviews", "buybox_seller", "buybox_price", "in_stock", "offers_count",
];

// Scraped text (seller names, categories) opened in a spreadsheet must not run as a formula
// (OWASP "CSV injection"): such a cell is prefixed with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The same series as GET …/metrics (the same cached read, so the same range rules and freshness),
 * as RFC 4180 CSV with a header row. Its ETag is its own: a representation, not the JSON's.
 */
export async function getProductMetricsCsv(asin: string, marketplace: string, from: string, to: string): Promise<CacheableBody | null> {
  const series = await getProductMetrics(asin, marketplace, from, to);
  if (!series) return null;
  const { points } = JSON.parse(series.body) as { points: MetricsPoint[] };
  const body = stringify(points, {
    header: true,
    columns: COLUMNS,
    record_delimiter: "windows",
    cast: {
      boolean: (value) => String(value),
      string: (value) => (FORMULA_START.test(value) ? `'${value}` : value),
    },
  });
  return { body, etag: etagOf(body), cache: series.cache };
}
