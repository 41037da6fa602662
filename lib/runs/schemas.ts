import { z } from "zod";
import { addDays, todayUtc } from "@/lib/dates";
import { isoDateSchema, limitSchema, marketplaceSchema } from "@/lib/products/schemas";

export const runIdParamsSchema = z.object({ id: z.uuid("a run id is a UUID") });

export const listRunsQuerySchema = z.object({ limit: limitSchema, cursor: z.string().max(256).optional() });

/** A run may be asked for today or a past day (backfill), not the future. */
export const startRunBodySchema = z.preprocess((body) => body ?? {}, z.object({
  date: isoDateSchema
    .refine((d) => d <= todayUtc(), "a run cannot be for a future date")
    .refine((d) => d >= addDays(todayUtc(), -730), "a run can go back at most 730 days")
    .optional(),
  marketplace: marketplaceSchema,
}));
