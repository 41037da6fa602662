import "server-only";
import { getDb } from "@/db/client";
import { countOpenAlertsByAsin } from "@/db/queries/alert-inbox";
import { listProducts } from "@/lib/products/list-products";
import { listProductsQuerySchema } from "@/lib/products/schemas";
import { bodyOf } from "./cached-body";
import type { ProductListItem } from "./views";

export const PRODUCTS_PAGE_SIZE = 200;

/**
 * The products table: one page of tracked products (the API's cached list, same keys) and the open
 * alerts per ASIN, read in parallel. Unreadable ?sort= or ?cursor= fall back to the first page by ASIN.
 */
export async function loadProductsPage(input: { workspaceId: string; q?: string; sort?: string; cursor?: string }) {
  const parsed = listProductsQuerySchema.safeParse({ q: input.q, sort: input.sort, cursor: input.cursor, limit: PRODUCTS_PAGE_SIZE });
  const query = parsed.success ? parsed.data : listProductsQuerySchema.parse({ q: input.q, limit: PRODUCTS_PAGE_SIZE });
  const list = (cursor: string | undefined) =>
    listProducts({ workspaceId: input.workspaceId, q: query.q, sort: query.sort.sort, descending: query.sort.descending, limit: PRODUCTS_PAGE_SIZE, cursor });
  const [page, openAlerts] = await Promise.all([
    // A cursor from another sort is a 400 in the API; here it just restarts the list.
    list(query.cursor).catch(() => list(undefined)),
    getDb().then((db) => countOpenAlertsByAsin(db, input.workspaceId)),
  ]);
  const body = bodyOf<{ items: ProductListItem[]; next_cursor: string | null }>(page);
  return {
    items: body?.items ?? [],
    nextCursor: body?.next_cursor ?? null,
    sort: `${query.sort.descending ? "-" : ""}${query.sort.sort}`,
    q: query.q ?? "",
    openAlerts: Object.fromEntries(openAlerts.map((r) => [r.asin, r.open])) as Record<string, number>,
  };
}
