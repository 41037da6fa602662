import { z } from "zod";
import { addDays, daysBetween, isIsoDate, todayUtc } from "@/lib/dates";
import { asinSchema } from "./asin";
import { DEFAULT_MARKETPLACE, MARKETPLACE_CODES } from "./marketplaces";
import { PRODUCT_SORTS, type ProductSort } from "@/db/queries/product-reads";

export const MAX_SERIES_DAYS = 730;
export const DEFAULT_SERIES_DAYS = 30;

export const isoDateSchema = z.string().refine(isIsoDate, "must be a calendar date YYYY-MM-DD");
export const marketplaceSchema = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.enum(MARKETPLACE_CODES))
  .default(DEFAULT_MARKETPLACE);

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
