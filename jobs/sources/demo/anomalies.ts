import type { DemoProduct } from "./catalog";
import { blockAt, dateOfDay, dayNumber, isQuietDay, type Span, spanContains } from "./events";
import { between, intBetween, unit } from "./noise";

// Labelled anomalies injected into the demo data so alert precision and recall can be measured.
// Each one moves exactly one signal (a price drop does not also move the rank) and is placed on a
// quiet stretch, so the label is the only explanation for what a detector sees on that day.

export type DemoAnomalyKind = "price_spike" | "price_drop" | "bsr_jump" | "bsr_drop" | "stock_out" | "buybox_lost";

export interface DemoAnomaly {
  asin: string;
  /** First affected day. */
  date: string;
  kind: DemoAnomalyKind;
  /**
   * price_spike / price_drop: fraction the price moves up / down (0.3 = 30 %).
   * bsr_jump / bsr_drop: fraction the rank number moves up (worse) / down (better).
   * stock_out: days out of stock. buybox_lost: fraction the reseller undercuts the price by.
   */
  magnitude: number;
}

/** An anomaly with its span on the day-number axis, for applying it. */
export interface ActiveAnomaly extends DemoAnomaly {
  span: Span;
}

// One chance per 30-day block at 50 %: about one anomaly per product every 60 days.
const BLOCK_DAYS = 30;
const PROBABILITY = 0.5;
const PLACEMENT_TRIES = 6;
// Quiet days required before the anomaly (a full trailing week for median-based detectors) and after.
const QUIET_BEFORE = 8;
const QUIET_AFTER = 1;

const KINDS: readonly { kind: DemoAnomalyKind; weight: number; magnitude: readonly [number, number] }[] = [
  { kind: "price_spike", weight: 0.2, magnitude: [0.3, 0.6] },
  { kind: "price_drop", weight: 0.2, magnitude: [0.3, 0.45] },
  { kind: "bsr_jump", weight: 0.15, magnitude: [1.5, 3] },
  { kind: "bsr_drop", weight: 0.15, magnitude: [0.55, 0.75] },
  { kind: "stock_out", weight: 0.15, magnitude: [1, 2] },
  { kind: "buybox_lost", weight: 0.15, magnitude: [0.02, 0.06] },
];

function chooseKind(roll: number): (typeof KINDS)[number] {
  let remaining = roll * KINDS.reduce((sum, k) => sum + k.weight, 0);
  for (const entry of KINDS) {
    remaining -= entry.weight;
    if (remaining < 0) return entry;
  }
  return KINDS[KINDS.length - 1];
}

function anomalyInBlock(product: DemoProduct, block: number, origin: number): ActiveAnomaly | null {
  const { asin } = product;
  if (unit(asin, "anomaly", block) >= PROBABILITY) return null;
  const entry = chooseKind(unit(asin, "anomaly", block, "kind"));
  const [low, high] = entry.magnitude;
  const magnitude =
    entry.kind === "stock_out"
      ? intBetween(low, high, asin, "anomaly", block, "magnitude")
      : Math.round(between(low, high, asin, "anomaly", block, "magnitude") * 1000) / 1000;
  const days = entry.kind === "stock_out" ? magnitude : 1;

  // A promotion or stock-out next to the anomaly would blur it, so try a few spots in the block
  // and give up (no anomaly this block) if none is quiet.
  for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
    const start = origin + Math.floor(unit(asin, "anomaly", block, "start", attempt) * (BLOCK_DAYS - days + 1));
    let quiet = true;
    for (let day = start - QUIET_BEFORE; quiet && day < start + days + QUIET_AFTER; day++) {
      quiet = isQuietDay(product, day);
    }
    if (quiet) return { asin, date: dateOfDay(start), kind: entry.kind, magnitude, span: { start, days } };
  }
  return null;
}

/** The anomaly affecting `day` (a day number), if any. */
export function anomalyOn(product: DemoProduct, day: number): ActiveAnomaly | null {
  const { block, origin } = blockAt(product.asin, "anomaly", BLOCK_DAYS, day);
  const anomaly = anomalyInBlock(product, block, origin);
  return anomaly && spanContains(anomaly.span, day) ? anomaly : null;
}

/** Injected anomalies whose first day falls in [from, to] (inclusive), in date order. */
export function injectedAnomalies(product: DemoProduct, from: string, to: string): DemoAnomaly[] {
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const found: DemoAnomaly[] = [];
  let { block, origin } = blockAt(product.asin, "anomaly", BLOCK_DAYS, first);
  for (; origin <= last; block++, origin += BLOCK_DAYS) {
    const anomaly = anomalyInBlock(product, block, origin);
    if (anomaly && anomaly.span.start >= first && anomaly.span.start <= last) {
      found.push({ asin: anomaly.asin, date: anomaly.date, kind: anomaly.kind, magnitude: anomaly.magnitude });
    }
  }
  return found;
}
