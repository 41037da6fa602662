import { and, asc, between, eq, max, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { competitorComparisonDaily, productMetricsDaily, type CompetitorComparisonDaily } from "@/db/schema";
import type { MemberMetrics } from "@/lib/competitions/compare";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

export type ComparisonRow = typeof competitorComparisonDaily.$inferInsert;

/** The fields of core.product_metrics_daily that a comparison uses. */
export interface MemberMetricsRow extends Omit<MemberMetrics, "isMain"> {
  date: string;
}

const metricsColumns = {
  asin: productMetricsDaily.asin,
  date: productMetricsDaily.date,
  priceCents: productMetricsDaily.priceCents,
  currency: productMetricsDaily.currency,
  bsr: productMetricsDaily.bsr,
  rating: productMetricsDaily.rating,
  reviews: productMetricsDaily.reviews,
  buyboxSeller: productMetricsDaily.buyboxSeller,
};

/** Core metrics of these ASINs on these dates (the daily step: the day and the day a week before). */
export function memberMetricsOn(db: Database, input: { marketplace: string; asins: readonly string[]; dates: readonly string[] }): Promise<MemberMetricsRow[]> {
  return timedQuery("core.metrics_for_comparison_days", async () => {
    if (input.asins.length === 0) return [];
    return db
      .select(metricsColumns)
      .from(productMetricsDaily)
      .where(
        and(
          eq(productMetricsDaily.marketplace, input.marketplace),
          sql`${productMetricsDaily.asin} = any(${textArrayLiteral(input.asins)}::text[])`,
          sql`${productMetricsDaily.date} = any(${textArrayLiteral(input.dates)}::date[])`,
        ),
      );
  });
}

/** Core metrics of these ASINs between two dates inclusive (a backfill over stored history). */
export function memberMetricsBetween(db: Database, input: { marketplace: string; asins: readonly string[]; from: string; to: string }): Promise<MemberMetricsRow[]> {
  return timedQuery("core.metrics_for_comparison_range", () =>
    db
      .select(metricsColumns)
      .from(productMetricsDaily)
      .where(
        and(
          eq(productMetricsDaily.marketplace, input.marketplace),
          sql`${productMetricsDaily.asin} = any(${textArrayLiteral(input.asins)}::text[])`,
          between(productMetricsDaily.date, input.from, input.to),
        ),
      ),
  );
}

// 20 columns a row: 1,000 rows stay well under Postgres's 65,535 parameters per statement.
const INSERT_BATCH = 1000;

const UPDATED_COLUMNS = [
  "isMain", "priceCents", "currency", "priceGapCents", "priceGapPct", "bsr", "bsrGap", "bsrRatio", "rating", "ratingGap",
  "reviews", "reviewsGap", "buyboxSeller", "rankPrice", "rankBsr", "rankRating", "rankReviews", "summary",
] as const;

async function upsertRows(db: Database, rows: ComparisonRow[]): Promise<void> {
  const set = Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, sql.raw(`excluded.${competitorComparisonDaily[c].name}`)]));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await db
      .insert(competitorComparisonDaily)
      .values(rows.slice(i, i + INSERT_BATCH))
      .onConflictDoUpdate({ target: [competitorComparisonDaily.competitionId, competitorComparisonDaily.date, competitorComparisonDaily.asin], set });
  }
}

/** Upserts comparison rows (the daily step; a re-run of the same day writes the same rows). */
export function upsertComparison(db: Database, rows: ComparisonRow[]): Promise<void> {
  return timedQuery("mart.comparison.upsert", () => upsertRows(db, rows));
}

/** Replaces a competition's whole history at once (after a create or an edit of its members). */
export function replaceComparison(db: Database, competitionId: string, rows: ComparisonRow[]): Promise<void> {
  return timedQuery("mart.comparison.replace", () =>
    db.transaction(async (tx) => {
      await tx.delete(competitorComparisonDaily).where(eq(competitorComparisonDaily.competitionId, competitionId));
      await upsertRows(tx as unknown as Database, rows);
    }),
  );
}

export function latestComparisonDate(db: Database, competitionId: string): Promise<string | null> {
  return timedQuery("mart.comparison.latest_date", async () => {
    const [row] = await db
      .select({ date: max(competitorComparisonDaily.date) })
      .from(competitorComparisonDaily)
      .where(eq(competitorComparisonDaily.competitionId, competitionId));
    return row?.date ?? null;
  });
}

/** A competition's comparison rows between two dates inclusive, by date (served by the primary key). */
export function comparisonBetween(db: Database, competitionId: string, from: string, to: string): Promise<CompetitorComparisonDaily[]> {
  return timedQuery("mart.comparison.between", () =>
    db
      .select()
      .from(competitorComparisonDaily)
      .where(and(eq(competitorComparisonDaily.competitionId, competitionId), between(competitorComparisonDaily.date, from, to)))
      .orderBy(asc(competitorComparisonDaily.date)),
  );
}
