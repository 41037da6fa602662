import { describe, expect, it } from "vitest";
import type { CompetitorComparisonDaily } from "@/db/schema";
import { buildComparisonRows, MetricsIndex } from "@/lib/competitions/build-comparison";
import { renderTemplateReport } from "@/lib/llm/template-writer";
import { buildReportFacts, type ReportFacts } from "./facts";
import { checkNumbers } from "./number-check";

const DAY = "2026-11-28";
const WEEK_BEFORE = "2026-11-21";
const competition = { id: "c1", name: "Q4 blenders", marketplace: "US", main_asin: "B0MAIN0001", competitor_asins: ["B0CHEAP001", "B0PRICEY01"] };

function crafted(): ReportFacts {
  const metrics = new MetricsIndex([
    { asin: "B0MAIN0001", date: DAY, priceCents: 1999, currency: "USD", bsr: 850, rating: 4.1, reviews: 12_345, buyboxSeller: "Acme 24" },
    { asin: "B0CHEAP001", date: DAY, priceCents: 1749, currency: "USD", bsr: 1200, rating: 4.6, reviews: 3400, buyboxSeller: "Amazon" },
    { asin: "B0PRICEY01", date: DAY, priceCents: 2499, currency: "USD", bsr: 4000, rating: 4.4, reviews: 90, buyboxSeller: null },
    { asin: "B0MAIN0001", date: WEEK_BEFORE, priceCents: 2199, currency: "USD", bsr: 1000, rating: 4.1, reviews: 12_000, buyboxSeller: "Acme 24" },
  ]);
  const c = { competition: { id: "c1", mainAsin: competition.main_asin, marketplace: "US" } as never, competitorAsins: competition.competitor_asins };
  const rows = buildComparisonRows(c, [DAY], metrics) as CompetitorComparisonDaily[];
  return buildReportFacts(competition, rows);
}

describe("checkNumbers", () => {
  const facts = crafted();

  it("passes the template report written from the same facts", () => {
    const text = renderTemplateReport(facts).join("");
    expect(text).toContain("$19.99");
    const check = checkNumbers(text, facts);
    expect(check.unmatched).toEqual([]);
    expect(check.passed).toBe(true);
    expect(check.numbers_checked).toBeGreaterThan(20);
  });

  it("catches a planted wrong figure and says where it is", () => {
    const text = renderTemplateReport(facts).join("").replace("$17.49", "$16.49");
    const check = checkNumbers(text, facts);
    expect(check.passed).toBe(false);
    expect(check.unmatched).toEqual([{ text: "$16.49", offset: text.indexOf("$16.49") }]);
  });

  it.each([
    ["a price in major units", "The main product sells at $19.99.", true],
    ["a price rounded to whole dollars", "about $20", true],
    ["a percent rounded to one decimal", "12.5% cheaper", true],
    ["a negative percent (signs are words)", "price -12.51 %", true],
    ["a ratio with a unit glued on", "a BSR 4.7059x the main's", true],
    ["an ordinal rank", "it ranks 2nd on price", true],
    ["thousands separators", "12,345 reviews", true],
    ["a large count rounded to its trailing zeros", "about 12,000 reviews", true],
    ["the dates of the facts", `from ${WEEK_BEFORE} to ${DAY}`, true],
    ["names with digits (ASINs, sellers, the competition)", "Q4 blenders: B0CHEAP001 holds the buy box, B0MAIN0001's is Acme 24", true],
    ["a markdown list marker", "1. Cut the price.", true],
    ["an invented price", "competitors average $21.12", false],
    ["a wrongly rounded percent", "25.2% dearer", false],
    ["a rating that is not in the facts", "rated 4.9 stars", false],
    ["a date the facts do not name", "since 2026-10-01", false],
    ["a number glued to letters", "USD21", false],
    ["a large count rounded too far", "13,000 reviews", false],
  ])("%s", (_, text, passes) => {
    expect(checkNumbers(text, facts).passed).toBe(passes);
  });

  it("counts nothing in a text without numbers", () => {
    expect(checkNumbers("The main product leads on rank.", facts)).toEqual({ passed: true, numbers_checked: 0, unmatched: [] });
  });
});

describe("renderTemplateReport", () => {
  it("is deterministic and covers gaps, ranks, buy box and momentum", () => {
    const facts = crafted();
    const text = renderTemplateReport(facts).join("");
    expect(renderTemplateReport(facts).join("")).toBe(text);
    expect(text).toContain(`# Q4 blenders: competitive report for ${DAY}`);
    expect(text).toContain("Within the set of 3 products it ranks 2nd on price, 1st on sales rank, 3rd on rating, 1st on reviews.");
    expect(text).toContain("- B0CHEAP001: price $17.49, BSR 1,200, rating 4.6, 3,400 reviews; $2.50 cheaper (-12.51 %), BSR gap +350 (1.4118× the main product's BSR), rating gap +0.5, reviews gap -8,945; buy box: Amazon.");
    expect(text).toContain(`## Momentum since ${WEEK_BEFORE} (7 days)`);
    expect(text).toContain("- B0MAIN0001: price -9.1 %, BSR -15 %.");
  });

  it("says there is no data yet for a competition never compared", () => {
    const empty = buildReportFacts(competition, []);
    expect(renderTemplateReport(empty).join("")).toContain("No comparison data yet");
    expect(checkNumbers(renderTemplateReport(empty).join(""), empty).passed).toBe(true);
  });
});
