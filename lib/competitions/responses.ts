import { z } from "zod";

// Response bodies of the competition routes. The presenters (present.ts) and the reads built on them
// return these types, so the published document and the code cannot drift apart without a type error.

const dateTime = z.string().meta({ format: "date-time" });
const date = z.string().meta({ format: "date", example: "2026-03-01" });
const asin = z.string().meta({ description: "10 characters A-Z0-9.", example: "B0CHX1W1XY" });
const cents = z.number().int().nullable().meta({ description: "Integer minor units (cents) of `currency`." });
const pct = z.number().nullable().meta({ description: "Percent (12.5 = 12.5 %)." });

export const competitionSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    marketplace: z.string(),
    main_asin: asin,
    competitor_asins: z.array(asin).meta({ description: "In the order they were given." }),
    weekly_report: z.boolean(),
    created_at: dateTime,
    updated_at: dateTime,
  })
  .meta({ id: "Competition" });
export type CompetitionView = z.infer<typeof competitionSchema>;

export const competitionPageSchema = z.object({ items: z.array(competitionSchema), next_cursor: z.string().nullable() });
export type CompetitionPage = z.infer<typeof competitionPageSchema>;

/** The answer to a create or an edit: the competition and what the change set off. */
export const competitionChangeSchema = competitionSchema.extend({
  newly_tracked: z.number().int().meta({ description: "Member ASINs the workspace started tracking." }),
  backfilled_days: z.number().int().meta({ description: "Days of comparison rebuilt from the stored history." }),
});
export type CompetitionChange = z.infer<typeof competitionChangeSchema>;

const ranksSchema = z
  .object({ price: z.number().int().nullable(), bsr: z.number().int().nullable(), rating: z.number().int().nullable(), reviews: z.number().int().nullable() })
  .meta({ description: "Rank within the set (1 = cheapest, best seller, highest rated, most reviewed); equal values share a rank." });

export const comparisonSummarySchema = z
  .object({
    members: z.number().int(),
    cheapest: z.object({ asin, price: z.number().int() }).nullable(),
    best_rank: z.object({ asin, bsr: z.number().int() }).nullable(),
    highest_rated: z.object({ asin, rating: z.number() }).nullable(),
    most_reviewed: z.object({ asin, reviews: z.number().int() }).nullable(),
    momentum_days: z.number().int(),
    momentum: z.array(z.object({ asin, price_change_pct: pct, bsr_change_pct: pct })),
    fastest_climber: z.object({ asin, bsr_change_pct: z.number() }).nullable().meta({ description: "The member whose BSR fell most over the momentum window." }),
  })
  .meta({ id: "ComparisonSummary" });

export const comparisonDaySchema = z
  .object({
    date,
    currency: z.string().nullable().meta({ description: "ISO 4217." }),
    main: z
      .object({ asin, price: cents, bsr: z.number().int().nullable(), rating: z.number().nullable(), reviews: z.number().int().nullable(), buybox_seller: z.string().nullable(), rank: ranksSchema })
      .nullable(),
    competitors: z.array(
      z.object({
        asin,
        price: cents,
        price_gap: z.object({ abs: cents, pct }).meta({ description: "Competitor minus main." }),
        bsr: z.number().int().nullable(),
        bsr_gap: z.number().int().nullable(),
        bsr_ratio: z.number().nullable().meta({ description: "Competitor's BSR divided by the main product's." }),
        rating: z.number().nullable(),
        rating_gap: z.number().nullable(),
        reviews: z.number().int().nullable(),
        reviews_gap: z.number().int().nullable(),
        buybox_seller: z.string().nullable(),
        rank: ranksSchema,
      }),
    ),
    summary: comparisonSummarySchema.nullable(),
  })
  .meta({ id: "ComparisonDay" });
export type ComparisonDayView = z.infer<typeof comparisonDaySchema>;

const comparisonHead = { competition_id: z.uuid(), name: z.string(), main_asin: asin };

export const comparisonSchema = z.union([
  // ?date= or the latest compared day; `date` is null (and the rest empty) before the first one.
  comparisonDaySchema.extend({ ...comparisonHead, date: date.nullable() }),
  // ?from=&to=: compared days in the range, oldest first.
  z.object({ ...comparisonHead, from: date, to: date, days: z.array(comparisonDaySchema) }),
]);
export type ComparisonView = z.infer<typeof comparisonSchema>;
