import { describe, expect, it } from "vitest";
import { describeAlert } from "./describe-alert";

const base = { old_value: null, new_value: null, change: null, currency: "USD", rule_change: null } as const;

describe("describeAlert", () => {
  it("reads a percent price drop in money", () => {
    expect(describeAlert({ ...base, metric: "price", kind: "price_down", old_value: 2000, new_value: 1750, change: -12.5, rule_change: "pct" })).toBe(
      "Price down 12.5 % (usual $20.00 → $17.50)",
    );
  });

  it("reads an absolute BSR rise as a count", () => {
    expect(describeAlert({ ...base, metric: "bsr", kind: "bsr_up", old_value: 1200, new_value: 1650, change: 450, rule_change: "abs" })).toBe(
      "BSR up by 450 (usual 1,200 → 1,650)",
    );
  });

  it("reads an absolute price change in the product's currency", () => {
    expect(describeAlert({ ...base, metric: "price", kind: "price_up", old_value: 1000, new_value: 1250, change: 250, rule_change: "abs", currency: "EUR" })).toBe(
      "Price up by €2.50 (usual €10.00 → €12.50)",
    );
  });

  it("names stock and buy-box events without numbers", () => {
    expect(describeAlert({ ...base, metric: "stock", kind: "out_of_stock", old_value: 1, new_value: 0 })).toBe("Went out of stock");
    expect(describeAlert({ ...base, metric: "buybox", kind: "buybox_changed" })).toBe("Buy box moved to another seller");
  });

  it("shows a rating with one decimal", () => {
    expect(describeAlert({ ...base, metric: "rating", kind: "rating_down", old_value: 4.6, new_value: 4.1, change: -0.5, rule_change: "abs" })).toBe(
      "Rating down by 0.5 (usual 4.6 → 4.1)",
    );
  });
});
