import "server-only";
import { addDays, todayUtc } from "@/lib/dates";
import { getProductMetrics } from "@/lib/products/get-metrics";
import { getProduct } from "@/lib/products/get-product";
import { DEFAULT_MARKETPLACE } from "@/lib/products/marketplaces";
import { bodyOf } from "./cached-body";
import { loadAlertInbox } from "./load-alert-inbox";
import type { MetricsPointView, ProductView } from "./views";

export const PRODUCT_RANGES = [30, 90, 365] as const;
export type ProductRange = (typeof PRODUCT_RANGES)[number];

export function productRangeOf(raw: string | undefined): ProductRange {
  const days = Number(raw);
  return (PRODUCT_RANGES as readonly number[]).includes(days) ? (days as ProductRange) : 30;
}

/**
 * Everything the product page shows, in one round of parallel reads: the latest snapshot, the
 * daily series of the chosen range (both through the API's cache) and the workspace's alerts for it.
 * Null when the product is unknown.
 */
export async function loadProductPage(input: { workspaceId: string; asin: string; days: ProductRange }) {
  const to = todayUtc();
  const from = addDays(to, -(input.days - 1));
  const [latest, series, alerts] = await Promise.all([
    getProduct(input.asin, DEFAULT_MARKETPLACE),
    getProductMetrics(input.asin, DEFAULT_MARKETPLACE, from, to),
    loadAlertInbox({ workspaceId: input.workspaceId, asin: input.asin, filters: { status: "all" }, limit: 20 }),
  ]);
  const product = bodyOf<ProductView>(latest);
  if (!product) return null;
  return { product, from, to, points: bodyOf<{ points: MetricsPointView[] }>(series)?.points ?? [], alerts: alerts.items };
}
