import { formatCount, formatMoney } from "@/components/format";

interface AlertFacts {
  metric: string;
  kind: string;
  old_value: number | null;
  new_value: number | null;
  change: number | null;
  currency: string | null;
  rule_change: "pct" | "abs" | null;
}

const KIND_TEXT: Record<string, string> = {
  out_of_stock: "Went out of stock",
  back_in_stock: "Back in stock",
  buybox_lost: "Buy box lost (no seller holds it)",
  buybox_changed: "Buy box moved to another seller",
};

const METRIC_NAMES: Record<string, string> = { price: "Price", bsr: "BSR", rating: "Rating", reviews: "Reviews" };

function value(metric: string, v: number | null, currency: string | null): string {
  if (v === null) return "—";
  if (metric === "price") return formatMoney(Math.round(v), currency ?? "USD");
  if (metric === "rating") return v.toFixed(1);
  return formatCount(Math.round(v));
}

/** One line that says what happened: "Price down 12.5 % (usual $20.00 → $17.50)". */
export function describeAlert(a: AlertFacts): string {
  const fixed = KIND_TEXT[a.kind];
  if (fixed) return fixed;
  const name = METRIC_NAMES[a.metric] ?? a.metric;
  const direction = a.kind.endsWith("_up") ? "up" : a.kind.endsWith("_down") ? "down" : "changed";
  const magnitude =
    a.change === null
      ? ""
      : a.rule_change === "pct"
        ? ` ${Math.abs(a.change).toFixed(1)} %`
        : ` by ${a.metric === "price" ? formatMoney(Math.round(Math.abs(a.change)), a.currency ?? "USD") : value(a.metric, Math.abs(a.change), a.currency)}`;
  return `${name} ${direction}${magnitude} (usual ${value(a.metric, a.old_value, a.currency)} → ${value(a.metric, a.new_value, a.currency)})`;
}
