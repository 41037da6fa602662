// The comparison math of a competition for one day: gaps against the main product, ranks within
// the set and the set's summary. Pure, so the mart builder and its tests share exactly one formula.

/** One member's metrics on one day (null when it was not scraped that day). */
export interface MemberMetrics {
  asin: string;
  isMain: boolean;
  priceCents: number | null;
  currency: string | null;
  bsr: number | null;
  rating: number | null;
  reviews: number | null;
  buyboxSeller: string | null;
}

/** Price and BSR of a member MOMENTUM_DAYS before the day, for the momentum summary. */
export interface EarlierMetrics {
  priceCents: number | null;
  bsr: number | null;
}

export const MOMENTUM_DAYS = 7;

export interface MemberMomentum {
  asin: string;
  price_change_pct: number | null;
  bsr_change_pct: number | null;
}

export interface ComparisonSummary {
  members: number;
  cheapest: { asin: string; price: number } | null;
  best_rank: { asin: string; bsr: number } | null;
  highest_rated: { asin: string; rating: number } | null;
  most_reviewed: { asin: string; reviews: number } | null;
  momentum_days: number;
  momentum: MemberMomentum[];
  /** The member whose BSR improved most over the momentum window (a falling BSR), if any did. */
  fastest_climber: { asin: string; bsr_change_pct: number } | null;
}

export interface ComparedMember extends MemberMetrics {
  priceGapCents: number | null;
  priceGapPct: number | null;
  bsrGap: number | null;
  bsrRatio: number | null;
  ratingGap: number | null;
  reviewsGap: number | null;
  rankPrice: number | null;
  rankBsr: number | null;
  rankRating: number | null;
  rankReviews: number | null;
  /** On the main member only. */
  summary: ComparisonSummary | null;
}

/** Rounds half away from zero (as Postgres round() does), so -0.125 → -0.13 like 0.125 → 0.13. */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  // toPrecision(12) first: 1.005 * 100 is 100.49999999999999 in binary and must round up.
  const rounded = Math.round(Number((Math.abs(value) * factor).toPrecision(12))) / factor;
  return value < 0 ? -rounded : rounded;
}

function percentChange(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return roundTo(((value - base) / base) * 100, 2);
}

function difference(value: number | null, base: number | null): number | null {
  return value === null || base === null ? null : value - base;
}

/**
 * Competition ranking ("1224"): equal values share a rank and the next rank skips. Members without
 * a value get no rank. `better` orders two values, best first.
 */
function ranks(values: Array<number | null>, better: (a: number, b: number) => number): Array<number | null> {
  return values.map((value) => (value === null ? null : 1 + values.filter((other) => other !== null && better(other, value) < 0).length));
}

const ascending = (a: number, b: number) => a - b;
const descending = (a: number, b: number) => b - a;

/** The member that is first by `better` (ties go to the earlier member: main, then by position). */
function leader<K extends "priceCents" | "bsr" | "rating" | "reviews">(members: MemberMetrics[], key: K, better: (a: number, b: number) => number) {
  let best: MemberMetrics | null = null;
  for (const m of members) {
    const value = m[key];
    if (value === null) continue;
    if (best === null || better(value, best[key] as number) < 0) best = m;
  }
  return best && { asin: best.asin, value: best[key] as number };
}

/**
 * Compares the members of one day (main first, then competitors in position order). Prices are only
 * compared within the main product's currency: a price in another currency gets no gap and no rank.
 */
export function compareDay(members: MemberMetrics[], earlier: ReadonlyMap<string, EarlierMetrics> = new Map()): ComparedMember[] {
  const main = members.find((m) => m.isMain);
  if (!main) throw new Error("a competition day needs its main member");
  const currency = main.currency ?? members.find((m) => m.currency !== null)?.currency ?? null;
  const comparablePrice = (m: MemberMetrics) => (m.priceCents !== null && m.currency === currency ? m.priceCents : null);
  const prices = members.map(comparablePrice);
  const priceRanks = ranks(prices, ascending);
  const bsrRanks = ranks(members.map((m) => m.bsr), ascending);
  const ratingRanks = ranks(members.map((m) => m.rating), descending);
  const reviewRanks = ranks(members.map((m) => m.reviews), descending);

  const momentum = members.map((m): MemberMomentum => {
    const before = earlier.get(m.asin);
    return {
      asin: m.asin,
      price_change_pct: before && m.currency === currency ? percentChange(m.priceCents, before.priceCents) : null,
      bsr_change_pct: before ? percentChange(m.bsr, before.bsr) : null,
    };
  });
  const climber = momentum.reduce<MemberMomentum | null>(
    (best, m) => (m.bsr_change_pct !== null && m.bsr_change_pct < 0 && (best === null || m.bsr_change_pct < best.bsr_change_pct!) ? m : best),
    null,
  );
  const priced = members.filter((m) => comparablePrice(m) !== null);
  const cheapest = leader(priced, "priceCents", ascending);
  const bestRank = leader(members, "bsr", ascending);
  const highestRated = leader(members, "rating", descending);
  const mostReviewed = leader(members, "reviews", descending);
  const summary: ComparisonSummary = {
    members: members.length,
    cheapest: cheapest && { asin: cheapest.asin, price: cheapest.value },
    best_rank: bestRank && { asin: bestRank.asin, bsr: bestRank.value },
    highest_rated: highestRated && { asin: highestRated.asin, rating: highestRated.value },
    most_reviewed: mostReviewed && { asin: mostReviewed.asin, reviews: mostReviewed.value },
    momentum_days: MOMENTUM_DAYS,
    momentum,
    fastest_climber: climber && { asin: climber.asin, bsr_change_pct: climber.bsr_change_pct! },
  };

  const mainPrice = comparablePrice(main);
  return members.map((m, i) => {
    const price = prices[i]!;
    const isMain = m === main;
    return {
      ...m,
      priceGapCents: isMain ? null : difference(price, mainPrice),
      priceGapPct: isMain ? null : percentChange(price, mainPrice),
      bsrGap: isMain ? null : difference(m.bsr, main.bsr),
      bsrRatio: isMain || m.bsr === null || main.bsr === null || main.bsr === 0 ? null : roundTo(m.bsr / main.bsr, 4),
      ratingGap: isMain || m.rating === null || main.rating === null ? null : roundTo(m.rating - main.rating, 2),
      reviewsGap: isMain ? null : difference(m.reviews, main.reviews),
      rankPrice: priceRanks[i]!,
      rankBsr: bsrRanks[i]!,
      rankRating: ratingRanks[i]!,
      rankReviews: reviewRanks[i]!,
      summary: isMain ? summary : null,
    };
  });
}
