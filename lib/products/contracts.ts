import { z } from "zod";
import { config } from "@/lib/config/env";
import type { Access } from "@/lib/http/authenticate";
import { defineContract } from "@/lib/http/contract";
import {
  MAX_BATCH_ASINS,
  MAX_SERIES_DAYS,
  MAX_TRACK_ASINS,
  asinParamsSchema,
  listProductsQuerySchema,
  metricsBatchBodySchema,
  metricsQuerySchema,
  productQuerySchema,
  trackProductsBodySchema,
  untrackProductQuerySchema,
} from "./schemas";
import { metricsBatchResultSchema, metricsSeriesSchema, productListSchema, productSnapshotSchema, trackProductsResultSchema } from "./responses";

const TAG = "Products";
// Global product facts: anonymous callers may read them when PUBLIC_PRODUCT_READS is on (edge cache).
const productRead: Access = { kind: "role", role: "viewer", anonymous: () => config().publicProductReads };
const RANGE = `\`from\`/\`to\` inclusive (YYYY-MM-DD); default the last 30 days, at most ${MAX_SERIES_DAYS}.`;

export const listProductsContract = defineContract({
  method: "GET",
  route: "/api/v1/products",
  tag: TAG,
  summary: "List the workspace's tracked products with latest metrics and deltas",
  description: "`?q=` searches ASIN, title and brand; `?sort=` is a metric name, `-` first for descending.",
  access: { kind: "role", role: "viewer" },
  query: listProductsQuerySchema,
  etag: true,
  responses: { 200: { description: "A page of tracked products.", schema: productListSchema } },
});

export const trackProductsContract = defineContract({
  method: "POST",
  route: "/api/v1/products",
  tag: TAG,
  summary: `Track up to ${MAX_TRACK_ASINS} ASINs in one request`,
  description: "Each ASIN is trimmed and upper-cased; malformed ones are reported in `invalid` with a reason and the rest are tracked.",
  access: { kind: "role", role: "analyst" },
  body: trackProductsBodySchema,
  responses: { 200: { description: "What happened to each ASIN.", schema: trackProductsResultSchema } },
});

export const getProductContract = defineContract({
  method: "GET",
  route: "/api/v1/products/{asin}",
  tag: TAG,
  summary: "Latest snapshot of a product: facts, metrics, 1d/7d/30d deltas",
  access: productRead,
  params: asinParamsSchema,
  query: productQuerySchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "The latest snapshot.", schema: productSnapshotSchema } },
});

export const untrackProductContract = defineContract({
  method: "DELETE",
  route: "/api/v1/products/{asin}",
  tag: TAG,
  summary: "Stop tracking a product",
  access: { kind: "role", role: "analyst" },
  params: asinParamsSchema,
  query: untrackProductQuerySchema,
  errors: [404],
  responses: { 204: { description: "No longer tracked." } },
});

export const getMetricsContract = defineContract({
  method: "GET",
  route: "/api/v1/products/{asin}/metrics",
  tag: TAG,
  summary: "Daily metrics series of a product",
  description: RANGE,
  access: productRead,
  params: asinParamsSchema,
  query: metricsQuerySchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "The series, oldest day first.", schema: metricsSeriesSchema } },
});

export const getMetricsCsvContract = defineContract({
  method: "GET",
  route: "/api/v1/products/{asin}/metrics.csv",
  tag: TAG,
  summary: "The same daily series as CSV",
  description: `${RANGE} One header row, then one row per day; money in integer cents.`,
  access: productRead,
  params: asinParamsSchema,
  query: metricsQuerySchema,
  etag: true,
  errors: [404],
  responses: { 200: { description: "RFC 4180 CSV.", contentType: "text/csv", schema: z.string() } },
});

export const metricsBatchContract = defineContract({
  method: "POST",
  route: "/api/v1/metrics:batch",
  tag: TAG,
  summary: `Latest snapshots (and optionally series) of up to ${MAX_BATCH_ASINS} ASINs`,
  description: "Series are included when `from` or `to` is given. Read through the cache: one multi-get, one query for the misses.",
  access: { kind: "role", role: "viewer" },
  body: metricsBatchBodySchema,
  responses: { 200: { description: "Snapshots by ASIN, and the ASINs without data.", schema: metricsBatchResultSchema } },
});
