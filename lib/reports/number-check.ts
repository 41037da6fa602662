// Verifies that every number in a report's text comes from its facts table. A writer (an LLM
// above all) may round a fact but not invent one: a report whose check fails is stored flagged.
import { minorUnitFactor } from "@/lib/products/marketplaces";
import type { ReportFacts } from "./facts";

export interface UnmatchedNumber {
  /** The number as written, e.g. "$21.99", "12.5", "2026-11-02". */
  text: string;
  offset: number;
}

export interface NumberCheck {
  passed: boolean;
  numbers_checked: number;
  unmatched: UnmatchedNumber[];
}

// Digits with optional thousands separators and decimals. Letters around a number do not hide it
// ("USD19", "2.5x", "2nd" are all checked): known names with digits (ASINs, sellers) are blanked first.
const NUMBER = /(?<![0-9_.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![0-9_]|[.,]\d)/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
// Markdown ordered-list markers ("1. ") are structure, not figures.
const LIST_MARKER = /^([ \t]*)\d+[.)](?=[ \t])/gm;

/** Blanks a span with spaces so offsets of what follows stay those of the original text. */
const blank = (s: string) => " ".repeat(s.length);

/**
 * The values the text may state: every fact as is and, for money, in major units (1999 cents →
 * 19.99). Signs are ignored — the text says "cheaper" or "more expensive" in words.
 */
function allowedValues(facts: ReportFacts): number[] {
  const factor = facts.currency ? minorUnitFactor(facts.currency) : 100;
  const values = facts.facts.flatMap((f) => (f.unit === "money" ? [f.value, f.value / factor] : [f.value]));
  return [...new Set(values.map(Math.abs))];
}

/**
 * "Stated rounding": a number written with d decimals matches a fact that rounds to it at d
 * decimals (19.99 may be written 20 or 20.0). A whole number of 1,000 or more may also be rounded to
 * its trailing zeros (12,345 reviews may be written 12,000 or 12,300).
 */
function tolerance(written: string, decimals: string | undefined): number {
  if (decimals) return 0.5 * 10 ** -decimals.length + 1e-9;
  const digits = written.replace(/,/g, "");
  const trailingZeros = Number(digits) >= 1000 ? digits.length - digits.replace(/0+$/, "").length : 0;
  return 0.5 * 10 ** trailingZeros + 1e-9;
}

export function checkNumbers(text: string, facts: ReportFacts): NumberCheck {
  let scrubbed = text;
  // Names and allowed dates may contain digits; longest first so a name inside another is not cut.
  for (const name of [...facts.names, ...facts.dates].filter(Boolean).sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.split(name).join(blank(name));
  }
  const unmatched: UnmatchedNumber[] = [];
  let checked = 0;
  scrubbed = scrubbed.replace(ISO_DATE, (date, offset: number) => {
    // A date the facts do not name is as wrong as a wrong price.
    checked += 1;
    unmatched.push({ text: date, offset });
    return blank(date);
  });
  scrubbed = scrubbed.replace(LIST_MARKER, (marker, indent: string) => indent + blank(marker.slice(indent.length)));

  const allowed = allowedValues(facts);
  for (const match of scrubbed.matchAll(NUMBER)) {
    checked += 1;
    const [whole, integer, decimals] = match;
    const value = Number(`${integer!.replace(/,/g, "")}${decimals ? `.${decimals}` : ""}`);
    const slack = tolerance(integer!, decimals);
    if (!allowed.some((fact) => Math.abs(fact - value) <= slack)) {
      // Show the figure with its currency sign or percent, as a reader saw it.
      const start = match.index!;
      const prefix = text[start - 1] === "$" ? "$" : "";
      const suffix = text[start + whole.length] === "%" ? "%" : "";
      unmatched.push({ text: `${prefix}${whole}${suffix}`, offset: start - prefix.length });
    }
  }
  unmatched.sort((a, b) => a.offset - b.offset);
  return { passed: unmatched.length === 0, numbers_checked: checked, unmatched };
}
