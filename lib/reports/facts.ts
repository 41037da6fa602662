// The facts table a report is written from: every number with its date, built from one day of
// mart.competitor_comparison_daily. The writer may use only these numbers; the number check holds it to that.
import type { ComparisonSummary } from "@/lib/competitions/compare";
import type { CompetitorComparisonDaily } from "@/db/schema";
import { addDays } from "@/lib/dates";

/** money: integer minor units in ReportFacts.currency; pct: 12.5 = 12.5 %. */
export type FactUnit = "money" | "pct" | "count" | "rank" | "bsr" | "rating" | "ratio" | "days";

export interface Fact {
  key: string;
  label: string;
  /** The member it is about; null for set-level facts. */
  asin: string | null;
  date: string;
  value: number;
  unit: FactUnit;
}

export interface ReportFacts {
  competition: { id: string; name: string; marketplace: string; main_asin: string; competitor_asins: string[] };
  /** The compared day the facts describe; null when the competition has no comparison yet. */
  as_of: string | null;
  /** Dates the text may name: the day and the start of the momentum window. */
  dates: string[];
  currency: string | null;
  /** Names the text may repeat verbatim (ASINs, buy-box sellers, the competition's name). */
  names: string[];
  /** The buy-box holder of each member that day. */
  buybox_sellers: Record<string, string>;
  facts: Fact[];
}

type Competition = ReportFacts["competition"];

/** Builds the facts of one compared day (rows of one date, main first or not). */
export function buildReportFacts(competition: Competition, rows: CompetitorComparisonDaily[]): ReportFacts {
  const main = rows.find((r) => r.isMain);
  const date = main?.date ?? rows[0]?.date ?? null;
  const base: ReportFacts = {
    competition,
    as_of: date,
    dates: [],
    currency: null,
    names: [competition.name, competition.main_asin, ...competition.competitor_asins],
    buybox_sellers: {},
    facts: [],
  };
  if (!date || !main) return base;
  const summary = main.summary as ComparisonSummary | null;
  const facts: Fact[] = [];
  const add = (asin: string | null, key: string, label: string, value: number | null | undefined, unit: FactUnit) => {
    if (value !== null && value !== undefined) facts.push({ key: asin ? `${asin}.${key}` : `set.${key}`, label, asin, date, value, unit });
  };
  const order = [competition.main_asin, ...competition.competitor_asins];
  const ordered = [...rows].sort((a, b) => order.indexOf(a.asin) - order.indexOf(b.asin));

  add(null, "members", "products in the set", ordered.length, "count");
  if (summary) add(null, "momentum_days", "momentum window (days)", summary.momentum_days, "days");
  for (const r of ordered) {
    const who = r.isMain ? "main product" : "competitor";
    add(r.asin, "price", `${who} price`, r.priceCents, "money");
    add(r.asin, "bsr", `${who} Best Sellers Rank`, r.bsr, "bsr");
    add(r.asin, "rating", `${who} rating (stars)`, r.rating, "rating");
    add(r.asin, "reviews", `${who} review count`, r.reviews, "count");
    add(r.asin, "rank_price", "rank in the set by price (1 = cheapest)", r.rankPrice, "rank");
    add(r.asin, "rank_bsr", "rank in the set by BSR (1 = best seller)", r.rankBsr, "rank");
    add(r.asin, "rank_rating", "rank in the set by rating (1 = highest)", r.rankRating, "rank");
    add(r.asin, "rank_reviews", "rank in the set by reviews (1 = most)", r.rankReviews, "rank");
    add(r.asin, "price_gap", "price minus the main product's", r.priceGapCents, "money");
    add(r.asin, "price_gap_pct", "price gap in % of the main product's price", r.priceGapPct, "pct");
    add(r.asin, "bsr_gap", "BSR minus the main product's (positive = sells worse)", r.bsrGap, "bsr");
    add(r.asin, "bsr_ratio", "BSR divided by the main product's", r.bsrRatio, "ratio");
    add(r.asin, "rating_gap", "rating minus the main product's", r.ratingGap, "rating");
    add(r.asin, "reviews_gap", "review count minus the main product's", r.reviewsGap, "count");
    const momentum = summary?.momentum.find((m) => m.asin === r.asin);
    add(r.asin, "price_change_7d_pct", "price change over the momentum window (%)", momentum?.price_change_pct, "pct");
    add(r.asin, "bsr_change_7d_pct", "BSR change over the momentum window (% ; negative = climbing)", momentum?.bsr_change_pct, "pct");
    if (r.buyboxSeller) {
      base.names.push(r.buyboxSeller);
      base.buybox_sellers[r.asin] = r.buyboxSeller;
    }
  }
  return {
    ...base,
    dates: [date, addDays(date, -(summary?.momentum_days ?? 7))],
    currency: main.currency ?? ordered.find((r) => r.currency)?.currency ?? null,
    names: [...new Set(base.names)],
    facts,
  };
}

/** A fact by ASIN (null: the set) and key. */
export function factValue(facts: ReportFacts, asin: string | null, key: string): number | null {
  const full = asin ? `${asin}.${key}` : `set.${key}`;
  return facts.facts.find((f) => f.key === full)?.value ?? null;
}
