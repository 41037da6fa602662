import "server-only";
import { getDb } from "@/db/client";
import { listTrackedProducts, type ProductSort } from "@/db/queries/product-reads";
import { readThrough } from "@/lib/cache/read-through";
import type { CacheableBody } from "@/lib/http/responses";
import { Invalid } from "@/lib/http/errors";
import { presentProductLatest } from "./present";

export interface ListProductsInput {
  workspaceId: string;
  q?: string;
  sort: ProductSort;
  descending: boolean;
  limit: number;
  cursor?: string;
}

interface Cursor {
  s: string;
  k: number | string;
  a: string;
}

// Cursors are opaque to clients; inside they hold the keyset position and the sort they belong to.
function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (c.s === sort && typeof c.a === "string" && (typeof c.k === "number" || typeof c.k === "string")) return c;
  } catch {
    // fall through to the error below
  }
  throw new Invalid("The cursor is malformed or belongs to another sort.", [{ path: "query.cursor", message: "invalid cursor" }]);
}

/** A page of the workspace's tracked products with latest metrics and deltas. */
export function listProducts(input: ListProductsInput): Promise<CacheableBody | null> {
  const sortName = `${input.descending ? "-" : ""}${input.sort}`;
  const after = input.cursor ? decodeCursor(input.cursor, sortName) : undefined;
  const key = `products:${input.workspaceId}:${sortName}:${input.limit}:${input.cursor ?? ""}:${input.q ?? ""}`;
  return readThrough(key, { scopes: ["data", `ws:${input.workspaceId}`] }, async () => {
    const page = await listTrackedProducts(await getDb(), {
      workspaceId: input.workspaceId,
      q: input.q,
      sort: input.sort,
      descending: input.descending,
      limit: input.limit,
      after: after && { sortKey: after.k, asin: after.a },
    });
    const last = page.rows.at(-1);
    return {
      items: page.rows.map((r) =>
        r.latest ? { ...presentProductLatest(r.latest), tracked_since: r.addedAt.toISOString() } : { asin: r.asin, marketplace: r.marketplace, tracked_since: r.addedAt.toISOString(), date: null },
      ),
      next_cursor: page.hasMore && last ? encodeCursor({ s: sortName, k: serializableKey(last.sortKey), a: last.asin }) : null,
    };
  });
}

// JSON has no Infinity; the nulls-last sentinels travel as strings (Postgres reads 'Infinity'::float8).
function serializableKey(key: number | string): number | string {
  return typeof key === "number" && !Number.isFinite(key) ? String(key) : key;
}
