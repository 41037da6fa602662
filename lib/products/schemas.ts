import { z } from "zod";
import { addDays, daysBetween, isIsoDate, todayUtc } from "@/lib/dates";
import { asinSchema } from "./asin";
import { DEFAULT_MARKETPLACE, MARKETPLACE_CODES } from "./marketplaces";
import { PRODUCT_SORTS, type ProductSort } from "@/db/queries/product-reads";

export const MAX_SERIES_DAYS = 730;
export const DEFAULT_SERIES_DAYS = 30;

export const isoDateSchema = z.string().refine(isIsoDate, "must be a calendar date YYYY-MM-DD").meta({ format: "date", example: "2026-03-01" });
export const marketplaceSchema = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.enum(MARKETPLACE_CODES))
  .default(DEFAULT_MARKETPLACE)
  .meta({ description: `Amazon marketplace (case-insensitive): ${MARKETPLACE_CODES.join(", ")}.` });

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const asinParamsSchema = z.object({ asin: asinSchema });

export const productQuerySchema = z.object({ marketplace: marketplaceSchema });

const sortNames = Object.keys(PRODUCT_SORTS) as [ProductSort, ...ProductSort[]];

export const listProductsQuerySchema = z.object({
  q: z.string().trim().max(100).optional().transform((v) => v || undefined),
  sort: z
    .string()
    .default("asin")
    .transform((v) => ({ descending: v.startsWith("-"), sort: v.replace(/^-/, "") }))
    .pipe(z.object({ descending: z.boolean(), sort: z.enum(sortNames) })),
  limit: limitSchema,
  cursor: z.string().max(512).optional(),
});

const dateRangeShape = { from: isoDateSchema.optional(), to: isoDateSchema.optional() };

/** ?from=&to= inclusive, at most 730 days; `to` defaults to today and `from` to 29 days before `to`. */
function resolveRange(input: { from?: string; to?: string }, ctx: z.RefinementCtx): { from: string; to: string } {
  const end = input.to ?? todayUtc();
  const start = input.from ?? addDays(end, -(DEFAULT_SERIES_DAYS - 1));
  const days = daysBetween(start, end) + 1;
  if (days < 1) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "from must not be after to" });
    return z.NEVER;
  }
  if (days > MAX_SERIES_DAYS) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `a range covers at most ${MAX_SERIES_DAYS} days` });
    return z.NEVER;
  }
  return { from: start, to: end };
}

export const dateRangeQuerySchema = z.object(dateRangeShape).transform((v, ctx) => resolveRange(v, ctx));

export const metricsQuerySchema = z
  .object({ ...dateRangeShape, marketplace: marketplaceSchema })
  .transform((v, ctx) => ({ marketplace: v.marketplace, ...resolveRange(v, ctx) }));

export const MAX_TRACK_ASINS = 5000;
export const MAX_BATCH_ASINS = 100;

/** POST /products: each entry is checked on its own (bad ones are reported, not fatal), so any string is accepted here. */
export const trackProductsBodySchema = z.object({
  asins: z.array(z.string()).min(1).max(MAX_TRACK_ASINS),
  marketplace: marketplaceSchema,
});

export const untrackProductQuerySchema = productQuerySchema;

/**
 * POST /metrics:batch. Every ASIN must be valid (a read names what it wants); duplicates collapse.
 * The series is included only when the caller names a range (`from` or `to`).
 */
export const metricsBatchBodySchema = z
  .object({ asins: z.array(asinSchema).min(1).max(MAX_BATCH_ASINS), ...dateRangeShape, marketplace: marketplaceSchema })
  .transform((v, ctx) => ({
    asins: [...new Set(v.asins)],
    marketplace: v.marketplace,
    range: v.from === undefined && v.to === undefined ? null : resolveRange(v, ctx),
  }));
