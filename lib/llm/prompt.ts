import type { ReportFacts } from "@/lib/reports/facts";

// The contract with the model: the same rules the number check enforces afterwards.
export const REPORT_SYSTEM_PROMPT = [
  "You are a competitive analyst for an Amazon seller. Write a short competitive report in Markdown",
  "about the main product against its competitors, from the facts table you are given.",
  "Rules:",
  "- Use only numbers that appear in the facts table. You may round them (19.99 → 20), never invent,",
  "  add up or derive new numbers (no sums, averages, differences or ratios of your own).",
  "- Money values in the table are in minor units (cents); write them in major units with the currency",
  "  (1999 USD → $19.99).",
  "- Write dates as YYYY-MM-DD and only the dates given. Refer to products by their ASIN.",
  "- Do not use numbered lists, abbreviations such as 1.2k, or numbers in headings other than the date.",
  "- Cover: where the main product stands on price, sales rank, rating and reviews; the most important",
  "  gaps; the 7-day momentum; two or three concrete recommendations. At most 300 words.",
].join("\n");

/** The facts as a compact table the model reads (one fact per line: key, label, value, unit, date). */
export function renderFactsPrompt(facts: ReportFacts): string {
  const c = facts.competition;
  const lines = [
    `Competition: ${c.name} (marketplace ${c.marketplace}, currency ${facts.currency ?? "unknown"})`,
    `Main product: ${c.main_asin}`,
    `Competitors: ${c.competitor_asins.join(", ")}`,
    `Facts as of ${facts.as_of} (momentum compares with ${facts.dates[1] ?? "n/a"}):`,
    "key | meaning | value | unit | date",
    ...facts.facts.map((f) => `${f.key} | ${f.label} | ${f.value} | ${f.unit === "money" ? `${facts.currency} minor units` : f.unit} | ${f.date}`),
  ];
  for (const [asin, seller] of Object.entries(facts.buybox_sellers)) lines.push(`Buy box of ${asin}: ${seller}`);
  return lines.join("\n");
}
