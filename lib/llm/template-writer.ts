import { minorUnitFactor } from "@/lib/products/marketplaces";
import { factValue, type ReportFacts } from "@/lib/reports/facts";
import type { ReportDraft, ReportWriter } from "./writer";

// The embedded report writer: a fixed template over the same facts an LLM would get, so a report
// exists without any model, costs nothing and passes the number check by construction.

const count = (n: number) => new Intl.NumberFormat("en-US").format(n);
const signed = (n: number, text: string) => `${n > 0 ? "+" : n < 0 ? "-" : ""}${text}`;
const pct = (n: number) => `${signed(n, String(Math.abs(n)))} %`;

function money(facts: ReportFacts, minor: number): string {
  const currency = facts.currency ?? "USD";
  const digits = Math.log10(minorUnitFactor(currency));
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** "price $19.99, BSR 850, rating 4.1, 1,200 reviews" with whatever the member has. */
function snapshot(facts: ReportFacts, asin: string): string {
  const parts: string[] = [];
  const price = factValue(facts, asin, "price");
  const bsr = factValue(facts, asin, "bsr");
  const rating = factValue(facts, asin, "rating");
  const reviews = factValue(facts, asin, "reviews");
  if (price !== null) parts.push(`price ${money(facts, price)}`);
  if (bsr !== null) parts.push(`BSR ${count(bsr)}`);
  if (rating !== null) parts.push(`rating ${rating}`);
  if (reviews !== null) parts.push(`${count(reviews)} reviews`);
  return parts.length > 0 ? parts.join(", ") : "no data that day";
}

function competitorLine(facts: ReportFacts, asin: string): string {
  const gaps: string[] = [];
  const priceGap = factValue(facts, asin, "price_gap");
  const priceGapPct = factValue(facts, asin, "price_gap_pct");
  if (priceGap !== null) {
    const words = priceGap < 0 ? "cheaper" : priceGap > 0 ? "dearer" : "same price";
    gaps.push(`${priceGap === 0 ? words : `${money(facts, Math.abs(priceGap))} ${words}`}${priceGapPct !== null ? ` (${pct(priceGapPct)})` : ""}`);
  }
  const bsrGap = factValue(facts, asin, "bsr_gap");
  const bsrRatio = factValue(facts, asin, "bsr_ratio");
  if (bsrGap !== null) gaps.push(`BSR gap ${signed(bsrGap, count(Math.abs(bsrGap)))}${bsrRatio !== null ? ` (${bsrRatio}× the main product's BSR)` : ""}`);
  const ratingGap = factValue(facts, asin, "rating_gap");
  if (ratingGap !== null) gaps.push(`rating gap ${signed(ratingGap, String(Math.abs(ratingGap)))}`);
  const reviewsGap = factValue(facts, asin, "reviews_gap");
  if (reviewsGap !== null) gaps.push(`reviews gap ${signed(reviewsGap, count(Math.abs(reviewsGap)))}`);
  const seller = facts.buybox_sellers[asin];
  return `- ${asin}: ${snapshot(facts, asin)}${gaps.length > 0 ? `; ${gaps.join(", ")}` : ""}${seller ? `; buy box: ${seller}` : ""}.`;
}

function standing(facts: ReportFacts, asin: string, size: number | null): string {
  const ranks = (["price", "bsr", "rating", "reviews"] as const)
    .map((metric) => [metric, factValue(facts, asin, `rank_${metric}`)] as const)
    .filter(([, rank]) => rank !== null)
    .map(([metric, rank]) => `${ordinal(rank!)} on ${metric === "bsr" ? "sales rank" : metric}`);
  if (ranks.length === 0) return "";
  return ` Within the set${size !== null ? ` of ${size} products` : ""} it ranks ${ranks.join(", ")}.`;
}

/** The report text, paragraph by paragraph. */
export function renderTemplateReport(facts: ReportFacts): string[] {
  const c = facts.competition;
  if (!facts.as_of) {
    return [`# ${c.name}\n\n`, "No comparison data yet: the report can be written once a daily run has scraped these products.\n"];
  }
  const size = factValue(facts, null, "members");
  const blocks = [
    `# ${c.name}: competitive report for ${facts.as_of}\n\n`,
    `Main product ${c.main_asin}: ${snapshot(facts, c.main_asin)}.${standing(facts, c.main_asin, size)}\n\n`,
    "## Competitors\n\n",
    ...c.competitor_asins.map((asin) => `${competitorLine(facts, asin)}\n`),
  ];
  const windowDays = factValue(facts, null, "momentum_days");
  const moves = [c.main_asin, ...c.competitor_asins].flatMap((asin) => {
    const price = factValue(facts, asin, "price_change_7d_pct");
    const bsr = factValue(facts, asin, "bsr_change_7d_pct");
    const parts = [price !== null ? `price ${pct(price)}` : null, bsr !== null ? `BSR ${pct(bsr)}` : null].filter(Boolean);
    return parts.length > 0 ? [`- ${asin}: ${parts.join(", ")}.\n`] : [];
  });
  if (windowDays !== null && moves.length > 0) blocks.push(`\n## Momentum since ${facts.dates[1]} (${windowDays} days)\n\n`, ...moves);
  return blocks;
}

export function createTemplateWriter(): ReportWriter {
  return {
    model: "template",
    billable: false,
    estimateCostUsd: () => 0,
    write(facts): ReportDraft {
      const blocks = renderTemplateReport(facts);
      async function* text(): AsyncIterable<string> {
        yield* blocks;
      }
      return { textStream: text(), usage: async () => ({ inputTokens: 0, outputTokens: 0, costUsd: 0 }) };
    },
  };
}
