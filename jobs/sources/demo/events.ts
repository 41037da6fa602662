import { addDays, daysBetween } from "@/lib/dates";
import type { DemoProduct, DemoSeller } from "./catalog";
import { between, hash32, intBetween, pick, unit } from "./noise";

// Routine, unlabelled life of a listing: promotions, stock-outs and spells where a reseller holds
// the buy box. Time is cut into fixed blocks (phase-shifted per product so products do not move in
// lockstep); each block holds at most one window of each kind, placed by hashing (product, block).
// Whether a day is inside a window is therefore answerable from that day alone.

const EPOCH = "1970-01-01";

/** Days since 1970-01-01: the integer time axis all noise and schedules are keyed on. */
export function dayNumber(date: string): number {
  return daysBetween(EPOCH, date);
}

export function dateOfDay(day: number): string {
  return addDays(EPOCH, day);
}

export interface Span {
  /** First day (day number). */
  start: number;
  days: number;
}

export function spanContains(span: Span, day: number): boolean {
  return day >= span.start && day < span.start + span.days;
}

/** Block index and first day of the `blockDays`-long block holding `day` for this (product, kind). */
export function blockAt(asin: string, kind: string, blockDays: number, day: number): { block: number; origin: number } {
  const phase = hash32(asin, kind, "phase") % blockDays;
  const block = Math.floor((day - phase) / blockDays);
  return { block, origin: block * blockDays + phase };
}

interface WindowSpec {
  blockDays: number;
  probability: number;
  minDays: number;
  maxDays: number;
}

const PROMO: WindowSpec = { blockDays: 28, probability: 0.4, minDays: 3, maxDays: 7 };
const STOCK_OUT: WindowSpec = { blockDays: 75, probability: 0.3, minDays: 2, maxDays: 6 };
const BUYBOX: WindowSpec = { blockDays: 45, probability: 0.3, minDays: 2, maxDays: 5 };

/** The window in `block`, if any; a day of margin at both ends keeps windows of one kind apart. */
function windowInBlock(asin: string, kind: string, spec: WindowSpec, block: number, origin: number): Span | null {
  if (unit(asin, kind, block) >= spec.probability) return null;
  const days = intBetween(spec.minDays, spec.maxDays, asin, kind, block, "days");
  const start = origin + 1 + Math.floor(unit(asin, kind, block, "start") * (spec.blockDays - days - 1));
  return { start, days };
}

function windowOn(asin: string, kind: string, spec: WindowSpec, day: number): Span | null {
  const { block, origin } = blockAt(asin, kind, spec.blockDays, day);
  const span = windowInBlock(asin, kind, spec, block, origin);
  return span && spanContains(span, day) ? span : null;
}

function windowsBetween(asin: string, kind: string, spec: WindowSpec, first: number, last: number): Span[] {
  const spans: Span[] = [];
  for (let { block, origin } = blockAt(asin, kind, spec.blockDays, first); origin <= last; block++, origin += spec.blockDays) {
    const span = windowInBlock(asin, kind, spec, block, origin);
    if (span && span.start <= last && span.start + span.days > first) spans.push(span);
  }
  return spans;
}

/** Resellers that take the buy box now and then. Ids follow Amazon's 14-character merchant-id shape. */
export const THIRD_PARTY_SELLERS: readonly DemoSeller[] = [
  { name: "BrightDeals Co", id: "A2R7KX0Q9PLM3T" },
  { name: "Northwind Retail", id: "A3F8NB2VXC1QZK" },
  { name: "Parcel Pilot", id: "A1QW5ZT7RM0HXD" },
  { name: "Summit Goods LLC", id: "A9KD3LP0VB6ETW" },
  { name: "QuickShip Outlet", id: "A6YH1CJ4ZN8SRF" },
  { name: "Harbor Lane Trading", id: "A4TM9XE2GQ7BLU" },
];

const promoDiscount = (asin: string, span: Span) => between(0.1, 0.25, asin, "promo", span.start, "discount");
const rivalSeller = (asin: string, span: Span) => pick(THIRD_PARTY_SELLERS, asin, "buybox", span.start, "seller");
// Resellers undercut or shade the price a little; a big gap would read as a price anomaly.
const rivalPriceFactor = (asin: string, span: Span) => 1 + between(-0.04, 0.03, asin, "buybox", span.start, "price");

export interface RoutineDay {
  /** Fraction off the regular price while a promotion runs. */
  promoDiscount: number | null;
  /** 0 on the first day of a stock-out, 1 on the next…; null while in stock. */
  stockOutDay: number | null;
  /** "Only N left" in the two days before a stock-out. */
  unitsLeft: number | null;
  buyboxRival: { seller: DemoSeller; priceFactor: number } | null;
}

export function routineDay(product: DemoProduct, day: number): RoutineDay {
  const { asin } = product;
  const promo = windowOn(asin, "promo", PROMO, day);
  const stockOut = windowOn(asin, "stock_out", STOCK_OUT, day);
  const rival = windowOn(asin, "buybox", BUYBOX, day);
  const stockOutSoon = !stockOut && [1, 2].some((ahead) => windowOn(asin, "stock_out", STOCK_OUT, day + ahead));
  return {
    promoDiscount: promo ? promoDiscount(asin, promo) : null,
    stockOutDay: stockOut ? day - stockOut.start : null,
    unitsLeft: stockOutSoon ? intBetween(1, 4, asin, "unitsLeft", day) : null,
    buyboxRival: rival ? { seller: rivalSeller(asin, rival), priceFactor: rivalPriceFactor(asin, rival) } : null,
  };
}

/** Nothing routine is going on: no promotion, stock-out or reseller buy box. */
export function isQuietDay(product: DemoProduct, day: number): boolean {
  const routine = routineDay(product, day);
  return routine.promoDiscount === null && routine.stockOutDay === null && routine.buyboxRival === null;
}

export interface DemoEvent {
  asin: string;
  kind: "promo" | "stock_out" | "buybox_change";
  /** First and last day, inclusive. */
  start: string;
  end: string;
  /** promo: fraction off; stock_out: days; buybox_change: reseller price vs ours (−0.04 … +0.03). */
  magnitude: number;
}

/**
 * Routine events overlapping [from, to], for telling expected movement from injected anomalies
 * when alert quality is measured. A reseller spell is listed even where a stock-out hides it.
 */
export function demoEvents(product: DemoProduct, from: string, to: string): DemoEvent[] {
  const { asin } = product;
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const event = (kind: DemoEvent["kind"], span: Span, magnitude: number): DemoEvent => ({
    asin,
    kind,
    start: dateOfDay(span.start),
    end: dateOfDay(span.start + span.days - 1),
    magnitude: Math.round(magnitude * 1000) / 1000,
  });
  return [
    ...windowsBetween(asin, "promo", PROMO, first, last).map((s) => event("promo", s, promoDiscount(asin, s))),
    ...windowsBetween(asin, "stock_out", STOCK_OUT, first, last).map((s) => event("stock_out", s, s.days)),
    ...windowsBetween(asin, "buybox", BUYBOX, first, last).map((s) => event("buybox_change", s, rivalPriceFactor(asin, s) - 1)),
  ].sort((a, b) => a.start.localeCompare(b.start));
}
