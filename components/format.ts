// Display formatting shared by server pages and client islands (fixed en-US locale so the server
// render and hydration agree).

/** Money from integer minor units, in the product's currency. */
export function formatMoney(cents: number | null | undefined, currency: string | null | undefined): string {
  if (cents === null || cents === undefined || !currency) return "—";
  const digits = currency === "JPY" ? 0 : 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits }).format(cents / 10 ** digits);
}

export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: value < 1 ? 4 : 2 }).format(value);
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : new Intl.NumberFormat("en-US").format(value);
}

export function formatPct(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return `${value > 0 ? "+" : ""}${value.toFixed(1)} %`;
}

export function formatSigned(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  return `${value > 0 ? "+" : ""}${value.toFixed(digits)}`;
}

/** A whole-number gap with its sign and thousands separators: "+15,414". */
export function formatSignedCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return `${value > 0 ? "+" : ""}${formatCount(value)}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** An ISO timestamp as "2026-11-28 14:05 UTC" (UTC on both sides, so hydration matches). */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** CSS class for a change: green when it is good news, red when bad (a falling BSR is good). */
export function trendClass(value: number | null | undefined, lowerIsBetter = false): string {
  if (!value) return "";
  return value > 0 !== lowerIsBetter ? "up" : "down";
}
