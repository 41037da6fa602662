import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/dates";
import { DEFAULT_ALERT_RULES, evaluateRule, type AlertDecision, type AlertRuleSpec, type DailySeries, type DayPoint } from "./evaluate";

const START = "2026-03-01";
const day = (i: number) => addDays(START, i);
const NORMAL: DayPoint = { priceCents: 1000, bsr: 1000, rating: 4.5, reviews: 100, buyboxSeller: "Acme", inStock: true };

/** Day i of the series is days[i] over NORMAL; null leaves the day out (no scrape). */
function seriesOf(days: Array<Partial<DayPoint> | null>): DailySeries {
  const series = new Map<string, DayPoint>();
  days.forEach((d, i) => d && series.set(day(i), { ...NORMAL, ...d }));
  return series;
}

const stable = (n: number, d: Partial<DayPoint> = {}) => Array.from({ length: n }, () => d);

function rule(overrides: Partial<AlertRuleSpec>): AlertRuleSpec {
  return { metric: "price", change: "pct", threshold: 10, direction: "any", cooldownDays: 3, ...overrides };
}

const defaultRule = (metric: AlertRuleSpec["metric"]) => DEFAULT_ALERT_RULES.find((r) => r.metric === metric)!;

/** Runs the rule day by day as the daily ETL does, feeding back the last alert's date. */
function simulate(r: AlertRuleSpec, series: DailySeries, days: number): Array<{ i: number } & AlertDecision> {
  const alerts: Array<{ i: number } & AlertDecision> = [];
  for (let i = 0; i < days; i++) {
    const last = alerts.at(-1);
    const decision = evaluateRule(r, series, day(i), last ? day(last.i) : null);
    if (decision) alerts.push({ i, ...decision });
  }
  return alerts;
}

describe("evaluateRule — numeric metrics against the 7-day median", () => {
  it("stays silent on everyday noise under the thresholds", () => {
    const wiggle = [0, 2, -3, 1, -2, 3, -1, 2, 0, -3];
    const series = seriesOf(
      Array.from({ length: 30 }, (_, i) => ({
        priceCents: 1000 + wiggle[i % 10]! * 10,
        bsr: 1000 + wiggle[(i + 3) % 10]! * 50,
        rating: 4.5 + (i % 2 ? 0.1 : 0),
        reviews: 100 + i,
      })),
    );
    for (const r of DEFAULT_ALERT_RULES) expect(simulate(r, series, 30), r.metric).toEqual([]);
  });

  it("reports a 15 % price drop once, with old, new and change", () => {
    const series = seriesOf([...stable(7), { priceCents: 850 }]);
    expect(evaluateRule(defaultRule("price"), series, day(7), null)).toEqual({ kind: "price_down", oldValue: 1000, newValue: 850, change: -15 });
    expect(simulate(defaultRule("price"), series, 8)).toHaveLength(1);
  });

  it("ignores a return to normal after a one-day spike (yesterday alone would say -33 %)", () => {
    const series = seriesOf([...stable(6), { priceCents: 1500 }, {}]);
    expect(evaluateRule(defaultRule("price"), series, day(6), null)?.kind).toBe("price_up");
    expect(evaluateRule(defaultRule("price"), series, day(7), null)).toBeNull();
  });

  it("catches a two-step slide that yesterday alone would miss (-7 % a day, -12 % on the week)", () => {
    const series = seriesOf([...stable(6), { priceCents: 950 }, { priceCents: 880 }]);
    expect(evaluateRule(defaultRule("price"), series, day(6), null)).toBeNull();
    expect(evaluateRule(defaultRule("price"), series, day(7), null)).toEqual({ kind: "price_down", oldValue: 1000, newValue: 880, change: -12 });
  });

  it("reports BSR +40 % as bsr_up (a worse rank) and -40 % as bsr_down", () => {
    expect(evaluateRule(defaultRule("bsr"), seriesOf([...stable(7), { bsr: 1400 }]), day(7), null)).toEqual({ kind: "bsr_up", oldValue: 1000, newValue: 1400, change: 40 });
    expect(evaluateRule(defaultRule("bsr"), seriesOf([...stable(7), { bsr: 600 }]), day(7), null)?.kind).toBe("bsr_down");
    expect(evaluateRule(defaultRule("bsr"), seriesOf([...stable(7), { bsr: 1250 }]), day(7), null)).toBeNull();
  });

  it("reports a rating drop of 0.3 against an abs 0.2 'down' rule, but not a rise or a 0.1 dip", () => {
    const r = defaultRule("rating");
    expect(evaluateRule(r, seriesOf([...stable(7), { rating: 4.2 }]), day(7), null)).toEqual({ kind: "rating_down", oldValue: 4.5, newValue: 4.2, change: -0.3 });
    expect(evaluateRule(r, seriesOf([...stable(7), { rating: 4.3 }]), day(7), null)?.change).toBe(-0.2);
    expect(evaluateRule(r, seriesOf([...stable(7), { rating: 4.8 }]), day(7), null)).toBeNull();
    expect(evaluateRule(r, seriesOf([...stable(7), { rating: 4.4 }]), day(7), null)).toBeNull();
  });

  it("filters by direction", () => {
    const up = seriesOf([...stable(7), { priceCents: 1200 }]);
    const down = seriesOf([...stable(7), { priceCents: 800 }]);
    expect(evaluateRule(rule({ direction: "up" }), up, day(7), null)?.kind).toBe("price_up");
    expect(evaluateRule(rule({ direction: "down" }), up, day(7), null)).toBeNull();
    expect(evaluateRule(rule({ direction: "down" }), down, day(7), null)?.kind).toBe("price_down");
    expect(evaluateRule(rule({ direction: "up" }), down, day(7), null)).toBeNull();
    expect(evaluateRule(rule({ metric: "reviews", change: "abs", threshold: 20, direction: "up" }), seriesOf([...stable(7), { reviews: 130 }]), day(7), null)).toEqual({
      kind: "reviews_up", oldValue: 100, newValue: 130, change: 30,
    });
  });

  it("measures abs changes in the metric's unit and skips pct against a zero baseline", () => {
    expect(evaluateRule(rule({ change: "abs", threshold: 100 }), seriesOf([...stable(7), { priceCents: 850 }]), day(7), null)?.change).toBe(-150);
    expect(evaluateRule(rule({ metric: "reviews" }), seriesOf([...stable(7, { reviews: 0 }), { reviews: 5 }]), day(7), null)).toBeNull();
  });

  it("does not alert without a baseline: first day, or nothing in the previous 7 days", () => {
    expect(evaluateRule(defaultRule("price"), seriesOf([{ priceCents: 500 }]), day(0), null)).toBeNull();
    const gap = seriesOf([{}, ...Array<null>(8).fill(null), { priceCents: 500 }]);
    expect(evaluateRule(defaultRule("price"), gap, day(9), null)).toBeNull();
    expect(evaluateRule(defaultRule("price"), seriesOf([...stable(7, { priceCents: null }), { priceCents: 500 }]), day(7), null)).toBeNull();
  });

  it("uses the days that exist when some are missing, and says nothing about a missing day", () => {
    const series = seriesOf([{}, null, { priceCents: 1010 }, null, null, { priceCents: 990 }, null, { priceCents: 800 }, null]);
    expect(evaluateRule(defaultRule("price"), series, day(7), null)).toEqual({ kind: "price_down", oldValue: 1000, newValue: 800, change: -20 });
    expect(evaluateRule(defaultRule("price"), series, day(8), null)).toBeNull();
  });
});

describe("evaluateRule — cooldown and re-arming", () => {
  const price = defaultRule("price");

  it("alerts on a flapping price (±12 % every other day for 20 days) at most once per cooldown window", () => {
    const series = seriesOf([...stable(7), ...Array.from({ length: 20 }, (_, i) => ({ priceCents: i % 2 ? 1000 : 1120 }))]);
    const alerts = simulate(price, series, 27);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts.length).toBeLessThanOrEqual(Math.ceil(20 / (price.cooldownDays + 1)));
    expect(alerts[0]).toMatchObject({ i: 7, kind: "price_up" });
    for (let k = 1; k < alerts.length; k++) expect(alerts[k]!.i - alerts[k - 1]!.i).toBeGreaterThan(price.cooldownDays);
  });

  it("reports a lasting drop once, not daily", () => {
    const series = seriesOf([...stable(7), ...stable(20, { priceCents: 850 })]);
    expect(simulate(price, series, 27)).toEqual([{ i: 7, kind: "price_down", oldValue: 1000, newValue: 850, change: -15 }]);
  });

  it("alerts again after the cooldown once the price has recovered (re-armed)", () => {
    const series = seriesOf([...stable(7), { priceCents: 850 }, ...stable(4), { priceCents: 850 }]);
    expect(simulate(price, series, 13).map((a) => a.i)).toEqual([7, 12]);
  });

  it("stays silent inside the cooldown even after a recovery", () => {
    const series = seriesOf([...stable(7), { priceCents: 850 }, {}, { priceCents: 850 }]);
    expect(evaluateRule(price, series, day(9), day(7))).toBeNull();
    expect(evaluateRule({ ...price, cooldownDays: 1 }, series, day(9), day(7))?.kind).toBe("price_down");
  });

  it("does not re-arm across days without data", () => {
    const series = seriesOf([...stable(7), { priceCents: 850 }, null, null, null, null, { priceCents: 850 }]);
    expect(evaluateRule(price, series, day(12), day(7))).toBeNull();
  });
});

describe("evaluateRule — stock", () => {
  const stock = defaultRule("stock");

  it("reports out of stock and back in stock", () => {
    const series = seriesOf([...stable(7), ...stable(5, { inStock: false, priceCents: null, buyboxSeller: null }), ...stable(3)]);
    expect(simulate(stock, series, 15)).toEqual([
      { i: 7, kind: "out_of_stock", oldValue: 1, newValue: 0, change: null },
      { i: 12, kind: "back_in_stock", oldValue: 0, newValue: 1, change: null },
    ]);
  });

  it("folds a short outage's recovery into the cooldown", () => {
    const series = seriesOf([...stable(7), { inStock: false }, {}, {}]);
    expect(simulate(stock, series, 10).map((a) => a.kind)).toEqual(["out_of_stock"]);
  });

  it("compares with the last known day when yesterday is missing", () => {
    expect(evaluateRule(stock, seriesOf([...stable(5), null, null, { inStock: false }]), day(7), null)?.kind).toBe("out_of_stock");
  });

  it("filters by direction: down = out_of_stock, up = back_in_stock", () => {
    const out = seriesOf([...stable(7), { inStock: false }]);
    const back = seriesOf([...stable(7, { inStock: false }), {}]);
    expect(evaluateRule({ ...stock, direction: "down" }, out, day(7), null)?.kind).toBe("out_of_stock");
    expect(evaluateRule({ ...stock, direction: "up" }, out, day(7), null)).toBeNull();
    expect(evaluateRule({ ...stock, direction: "up" }, back, day(7), null)?.kind).toBe("back_in_stock");
    expect(evaluateRule({ ...stock, direction: "down" }, back, day(7), null)).toBeNull();
  });
});

describe("evaluateRule — buy box", () => {
  const buybox = defaultRule("buybox");

  it("reports a lost buy box while in stock", () => {
    expect(evaluateRule(buybox, seriesOf([...stable(7), { buyboxSeller: null }]), day(7), null)).toEqual({ kind: "buybox_lost", oldValue: null, newValue: null, change: null });
  });

  it("reports another seller holding the buy box", () => {
    expect(evaluateRule(buybox, seriesOf([...stable(7), { buyboxSeller: "Rival" }]), day(7), null)?.kind).toBe("buybox_changed");
  });

  it("compares with the week's usual seller, not yesterday's", () => {
    const series = seriesOf([...stable(5), { buyboxSeller: "Rival" }, { buyboxSeller: "Rival" }, {}]);
    expect(evaluateRule(buybox, series, day(7), null)).toBeNull();
  });

  it("leaves an out-of-stock day to the stock rule", () => {
    expect(evaluateRule(buybox, seriesOf([...stable(7), { inStock: false, buyboxSeller: null }]), day(7), null)).toBeNull();
  });

  it("filters by direction: down = lost, up = changed", () => {
    const lost = seriesOf([...stable(7), { buyboxSeller: null }]);
    const changed = seriesOf([...stable(7), { buyboxSeller: "Rival" }]);
    expect(evaluateRule({ ...buybox, direction: "up" }, lost, day(7), null)).toBeNull();
    expect(evaluateRule({ ...buybox, direction: "down" }, lost, day(7), null)?.kind).toBe("buybox_lost");
    expect(evaluateRule({ ...buybox, direction: "down" }, changed, day(7), null)).toBeNull();
    expect(evaluateRule({ ...buybox, direction: "up" }, changed, day(7), null)?.kind).toBe("buybox_changed");
  });
});

describe("DEFAULT_ALERT_RULES", () => {
  it("holds price ±10 %, BSR ±30 %, buy box, stock and rating -0.2, each with a 3-day cooldown", () => {
    expect(DEFAULT_ALERT_RULES.map((r) => [r.metric, r.change, r.threshold, r.direction, r.cooldownDays])).toEqual([
      ["price", "pct", 10, "any", 3],
      ["bsr", "pct", 30, "any", 3],
      ["buybox", "abs", 1, "any", 3],
      ["stock", "abs", 1, "any", 3],
      ["rating", "abs", 0.2, "down", 3],
    ]);
  });
});
