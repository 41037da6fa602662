/** Money from integer minor units, in the product's currency. */
export function formatMoney(cents: number | null, currency: string | null): string {
  if (cents === null || !currency) return "—";
  const digits = currency === "JPY" ? 0 : 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits }).format(cents / 10 ** digits);
}

export function formatCount(value: number | null): string {
  return value === null ? "—" : new Intl.NumberFormat("en-US").format(value);
}

export function formatPct(value: number | null): string {
  if (value === null) return "—";
  return `${value > 0 ? "+" : ""}${value.toFixed(1)} %`;
}
