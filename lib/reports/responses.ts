import { z } from "zod";
import { reportStatus } from "@/db/schema";

// Response bodies of the report routes; presentReport returns these types.
const dateTime = z.string().meta({ format: "date-time" });
const date = z.string().meta({ format: "date", example: "2026-03-01" });

export const numberCheckSchema = z
  .object({
    passed: z.boolean(),
    numbers_checked: z.number().int(),
    unmatched: z.array(z.object({ text: z.string().meta({ description: "The number as written, e.g. \"$21.99\"." }), offset: z.number().int() })),
  })
  .meta({ id: "NumberCheck", description: "Every number in the text held against the facts; `unmatched` are the ones not found there." });

export const reportFactsSchema = z
  .object({
    competition: z.object({ id: z.uuid(), name: z.string(), marketplace: z.string(), main_asin: z.string(), competitor_asins: z.array(z.string()) }),
    as_of: date.nullable().meta({ description: "The compared day the facts describe." }),
    dates: z.array(date).meta({ description: "Dates the text may name." }),
    currency: z.string().nullable(),
    names: z.array(z.string()).meta({ description: "Names the text may repeat verbatim (ASINs, sellers, the competition's name)." }),
    buybox_sellers: z.record(z.string(), z.string()).meta({ description: "The buy-box holder of each member that day, by ASIN." }),
    facts: z.array(
      z.object({
        key: z.string().meta({ example: "B0CHX1W1XY.price_gap" }),
        label: z.string(),
        asin: z.string().nullable().meta({ description: "The member it is about; null for set-level facts." }),
        date,
        value: z.number(),
        unit: z.enum(["money", "pct", "count", "rank", "bsr", "rating", "ratio", "days"]).meta({ description: "money: integer minor units of `currency`; pct: 12.5 = 12.5 %." }),
      }),
    ),
  })
  .meta({ id: "ReportFacts", description: "The facts table the report was written from: the only numbers it may state." });

/** A report without its facts, as lists, the 202 answer and the stream's last event show it. */
export const reportSummarySchema = z
  .object({
    id: z.uuid(),
    competition_id: z.uuid(),
    status: z.enum(reportStatus.enumValues),
    trigger: z.string().meta({ description: "`api` (POST …/reports) or `weekly` (the scheduled report)." }),
    model: z.string().meta({ description: "The model id, or `template`." }),
    content: z.string().meta({ description: "Markdown; empty until written." }),
    number_check: numberCheckSchema.nullable(),
    flagged: z.boolean().meta({ description: "The number check found a figure that is not in the facts." }),
    input_tokens: z.number().int().nullable(),
    output_tokens: z.number().int().nullable(),
    cost_usd: z.number().nullable(),
    error: z.string().nullable().meta({ description: "Why writing failed (status `failed`)." }),
    created_at: dateTime,
    finished_at: dateTime.nullable(),
  })
  .meta({ id: "ReportSummary" });
export type ReportSummaryView = z.infer<typeof reportSummarySchema>;

export const reportSchema = reportSummarySchema.extend({ facts: reportFactsSchema }).meta({ id: "Report" });
export type ReportView = z.infer<typeof reportSchema>;

export const reportPageSchema = z.object({ items: z.array(reportSummarySchema), next_cursor: z.string().nullable() });
export type ReportPage = z.infer<typeof reportPageSchema>;
