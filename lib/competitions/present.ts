import type { CompetitionWithMembers } from "@/db/queries/competitions";
import type { CompetitorComparisonDaily } from "@/db/schema";
import type { ComparisonSummary } from "./compare";
import type { ComparisonDayView, CompetitionView } from "./responses";

export function presentCompetition({ competition: c, competitorAsins }: CompetitionWithMembers): CompetitionView {
  return {
    id: c.id,
    name: c.name,
    marketplace: c.marketplace,
    main_asin: c.mainAsin,
    competitor_asins: competitorAsins,
    weekly_report: c.weeklyReport,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

const ranksOf = (r: CompetitorComparisonDaily) => ({ price: r.rankPrice, bsr: r.rankBsr, rating: r.rankRating, reviews: r.rankReviews });

/**
 * One compared day as the API shows it: the main product, then each competitor in the
 * competition's order with its gaps (competitor minus main; money in minor units), and the summary.
 */
export function presentComparisonDay(date: string, rows: CompetitorComparisonDaily[], order: readonly string[]): ComparisonDayView {
  const main = rows.find((r) => r.isMain) ?? null;
  const position = (asin: string) => {
    const i = order.indexOf(asin);
    return i < 0 ? order.length : i;
  };
  const competitors = rows.filter((r) => !r.isMain).sort((a, b) => position(a.asin) - position(b.asin) || a.asin.localeCompare(b.asin));
  return {
    date,
    currency: main?.currency ?? competitors.find((r) => r.currency)?.currency ?? null,
    main: main && {
      asin: main.asin, price: main.priceCents, bsr: main.bsr, rating: main.rating, reviews: main.reviews, buybox_seller: main.buyboxSeller, rank: ranksOf(main),
    },
    competitors: competitors.map((r) => ({
      asin: r.asin,
      price: r.priceCents,
      price_gap: { abs: r.priceGapCents, pct: r.priceGapPct },
      bsr: r.bsr,
      bsr_gap: r.bsrGap,
      bsr_ratio: r.bsrRatio,
      rating: r.rating,
      rating_gap: r.ratingGap,
      reviews: r.reviews,
      reviews_gap: r.reviewsGap,
      buybox_seller: r.buyboxSeller,
      rank: ranksOf(r),
    })),
    // The mart stores the summary as jsonb; compare.ts wrote it.
    summary: (main?.summary ?? null) as ComparisonSummary | null,
  };
}

export type ComparisonDay = ComparisonDayView;
