import type { CompetitionWithMembers } from "@/db/queries/competitions";
import type { ComparisonRow, MemberMetricsRow } from "@/db/queries/comparison";
import { addDays } from "@/lib/dates";
import { compareDay, MOMENTUM_DAYS, type EarlierMetrics, type MemberMetrics } from "./compare";

/** Looks up a member's metrics by ASIN and date. */
export class MetricsIndex {
  private readonly rows = new Map<string, MemberMetricsRow>();

  constructor(rows: Iterable<MemberMetricsRow>) {
    for (const row of rows) this.rows.set(`${row.asin}|${row.date}`, row);
  }

  get(asin: string, date: string): MemberMetricsRow | undefined {
    return this.rows.get(`${asin}|${date}`);
  }

  /** Dates with at least one stored row, oldest first. */
  dates(): string[] {
    return [...new Set([...this.rows.values()].map((r) => r.date))].sort();
  }
}

/** Every ASIN of a competition, main first, then competitors in position order. */
export function membersOf(c: CompetitionWithMembers): string[] {
  return [c.competition.mainAsin, ...c.competitorAsins];
}

/**
 * Mart rows of one competition for the given dates: one row per member per day (a member without
 * data that day gets a row of nulls, so every day lists the whole set). A day on which no member
 * has data gets no rows at all.
 */
export function buildComparisonRows(c: CompetitionWithMembers, dates: readonly string[], metrics: MetricsIndex): ComparisonRow[] {
  const asins = membersOf(c);
  const rows: ComparisonRow[] = [];
  for (const date of dates) {
    if (!asins.some((asin) => metrics.get(asin, date))) continue;
    const members = asins.map((asin, i): MemberMetrics => {
      const m = metrics.get(asin, date);
      return {
        asin, isMain: i === 0, priceCents: m?.priceCents ?? null, currency: m?.currency ?? null, bsr: m?.bsr ?? null,
        rating: m?.rating ?? null, reviews: m?.reviews ?? null, buyboxSeller: m?.buyboxSeller ?? null,
      };
    });
    const weekBefore = addDays(date, -MOMENTUM_DAYS);
    const earlier = new Map<string, EarlierMetrics>();
    for (const asin of asins) {
      const m = metrics.get(asin, weekBefore);
      if (m) earlier.set(asin, { priceCents: m.priceCents, bsr: m.bsr });
    }
    for (const compared of compareDay(members, earlier)) {
      rows.push({
        competitionId: c.competition.id, date, asin: compared.asin, isMain: compared.isMain,
        priceCents: compared.priceCents, currency: compared.currency, priceGapCents: compared.priceGapCents, priceGapPct: compared.priceGapPct,
        bsr: compared.bsr, bsrGap: compared.bsrGap, bsrRatio: compared.bsrRatio,
        rating: compared.rating, ratingGap: compared.ratingGap, reviews: compared.reviews, reviewsGap: compared.reviewsGap,
        buyboxSeller: compared.buyboxSeller,
        rankPrice: compared.rankPrice, rankBsr: compared.rankBsr, rankRating: compared.rankRating, rankReviews: compared.rankReviews,
        summary: compared.summary as Record<string, unknown> | null,
      });
    }
  }
  return rows;
}
