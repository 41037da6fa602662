import { z } from "zod";
import type { FieldError } from "@/lib/http/errors";
import { asinSchema } from "@/lib/products/asin";
import { dateRangeQuerySchema, isoDateSchema, limitSchema, marketplaceSchema } from "@/lib/products/schemas";

export const MAX_COMPETITORS = 10;

export const competitionIdParamsSchema = z.object({ id: z.uuid("a competition id is a UUID") });

const nameSchema = z.string().trim().min(1, "a name is required").max(200);
const competitorAsinsSchema = z.array(asinSchema).min(1, "at least one competitor").max(MAX_COMPETITORS, `at most ${MAX_COMPETITORS} competitors`);

/**
 * Errors of a whole member set (after normalisation, and after a PATCH is merged): no duplicate
 * competitor and the main ASIN not among them. Paths point at the offending array element.
 */
export function memberErrors(mainAsin: string, competitorAsins: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  competitorAsins.forEach((asin, i) => {
    if (asin === mainAsin) errors.push({ path: `body.competitor_asins.${i}`, message: `${asin} is the main ASIN` });
    const first = competitorAsins.indexOf(asin);
    if (first < i) errors.push({ path: `body.competitor_asins.${i}`, message: `${asin} duplicates competitor_asins.${first}` });
  });
  return errors;
}

export interface CompetitionInput {
  name: string;
  mainAsin: string;
  competitorAsins: string[];
  marketplace: string;
  weeklyReport: boolean;
}

export const createCompetitionBodySchema = z
  .object({
    name: nameSchema,
    main_asin: asinSchema,
    competitor_asins: competitorAsinsSchema,
    marketplace: marketplaceSchema,
    weekly_report: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    // Paths come back prefixed with "body." by parseWith, so strip ours.
    for (const e of memberErrors(b.main_asin, b.competitor_asins)) ctx.addIssue({ code: "custom", path: e.path.replace(/^body\./, "").split("."), message: e.message });
  })
  .transform(
    (b): CompetitionInput => ({ name: b.name, mainAsin: b.main_asin, competitorAsins: b.competitor_asins, marketplace: b.marketplace, weeklyReport: b.weekly_report }),
  );

/** PATCH body: any subset; the merged member set is checked with memberErrors. The marketplace is fixed at creation. */
export const updateCompetitionBodySchema = z
  .object({
    name: nameSchema.optional(),
    main_asin: asinSchema.optional(),
    competitor_asins: competitorAsinsSchema.optional(),
    weekly_report: z.boolean().optional(),
  })
  .transform((b) => {
    const patch: Partial<Omit<CompetitionInput, "marketplace">> = {
      name: b.name, mainAsin: b.main_asin, competitorAsins: b.competitor_asins, weeklyReport: b.weekly_report,
    };
    // Drop absent fields so they are left as they are.
    return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Omit<CompetitionInput, "marketplace">>;
  });

export const listCompetitionsQuerySchema = z.object({ limit: limitSchema, cursor: z.string().max(256).optional() });

/** ?date= (default: the latest compared day), or ?from=&to= for a series (at most 730 days). */
export const comparisonQuerySchema = z
  .object({ date: isoDateSchema.optional(), from: isoDateSchema.optional(), to: isoDateSchema.optional() })
  .transform((q, ctx): { mode: "day"; date?: string } | { mode: "range"; from: string; to: string } => {
    if (q.from === undefined && q.to === undefined) return { mode: "day", date: q.date };
    if (q.date !== undefined) {
      ctx.addIssue({ code: "custom", path: ["date"], message: "use either date or from/to" });
      return z.NEVER;
    }
    const range = dateRangeQuerySchema.safeParse({ from: q.from, to: q.to });
    if (!range.success) {
      for (const issue of range.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { mode: "range", ...range.data };
  });
