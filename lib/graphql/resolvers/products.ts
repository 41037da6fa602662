import "server-only";
import { z } from "zod";
import { PRODUCT_SORTS, type ProductSort } from "@/db/queries/product-reads";
import { listProducts } from "@/lib/products/list-products";
import { dateRangeQuerySchema } from "@/lib/products/schemas";
import { pageArgsSchema, parseArgs, productArgsSchema } from "../args";
import type { GraphqlContext } from "../context";
import type { PresentedLatest } from "../loaders";
import { snakeCaseFields } from "./snake-case-fields";

/** A product as resolvers pass it on: its key, and its latest snapshot when the parent already has it. */
export interface ProductParent {
  asin: string;
  marketplace: string;
  trackedSince?: string | null;
  latest?: PresentedLatest | null;
}

const WINDOWS = { D1: "1d", D7: "7d", D30: "30d" } as const;
type WindowArg = { window: keyof typeof WINDOWS };

const productsArgsSchema = pageArgsSchema.extend({
  query: z.preprocess((v) => v ?? undefined, z.string().trim().max(100).optional()).transform((v) => v || undefined),
  sort: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(Object.keys(PRODUCT_SORTS) as [ProductSort, ...ProductSort[]])),
  descending: z.boolean(),
});

type ListedProduct = PresentedLatest & { tracked_since: string; date: string | null };

function latestOf(product: ProductParent, ctx: GraphqlContext): Promise<PresentedLatest | null> | PresentedLatest | null {
  return product.latest !== undefined ? product.latest : ctx.loaders.productLatest.load(product);
}

const fact = (field: "title" | "brand" | "category" | "image_url" | "url") => async (product: ProductParent, _: unknown, ctx: GraphqlContext) =>
  (await latestOf(product, ctx))?.[field] ?? null;

export const productResolvers = {
  Query: {
    async products(_: unknown, args: unknown, ctx: GraphqlContext) {
      const input = parseArgs(productsArgsSchema, args);
      const page = await listProducts({
        workspaceId: ctx.principal.workspaceId,
        q: input.query,
        sort: input.sort,
        descending: input.descending,
        limit: input.first,
        cursor: input.after,
      });
      if (!page) return { items: [], nextCursor: null };
      ctx.cache.note(page.cache);
      const body = JSON.parse(page.body) as { items: ListedProduct[]; next_cursor: string | null };
      return {
        items: body.items.map((item): ProductParent => ({
          asin: item.asin,
          marketplace: item.marketplace,
          trackedSince: item.tracked_since,
          latest: item.date === null ? null : item,
        })),
        nextCursor: body.next_cursor,
      };
    },

    async product(_: unknown, args: unknown, ctx: GraphqlContext): Promise<ProductParent | null> {
      const key = parseArgs(productArgsSchema, args);
      const latest = await ctx.loaders.productLatest.load(key);
      return latest && { ...key, latest };
    },
  },

  Product: {
    title: fact("title"),
    brand: fact("brand"),
    category: fact("category"),
    imageUrl: fact("image_url"),
    url: fact("url"),
    trackedSince: (product: ProductParent) => product.trackedSince ?? null,
    latest: (product: ProductParent, _: unknown, ctx: GraphqlContext) => latestOf(product, ctx),
    async series(product: ProductParent, args: unknown, ctx: GraphqlContext) {
      const range = parseArgs(dateRangeQuerySchema, { from: (args as { from?: string }).from ?? undefined, to: (args as { to?: string }).to ?? undefined });
      return (await ctx.loaders.productSeries.load({ asin: product.asin, marketplace: product.marketplace, ...range })) ?? [];
    },
  },

  ProductSnapshot: {
    ...snakeCaseFields("listPrice", "bsrCategory", "buyboxSeller", "buyboxPrice", "inStock", "offersCount"),
    priceDelta: (s: PresentedLatest, { window }: WindowArg) => s.deltas.price[WINDOWS[window]],
    bsrDelta: (s: PresentedLatest, { window }: WindowArg) => s.deltas.bsr[WINDOWS[window]],
    ratingDelta: (s: PresentedLatest, { window }: WindowArg) => ({ abs: s.deltas.rating[WINDOWS[window]].abs, pct: null }),
    reviewsDelta: (s: PresentedLatest, { window }: WindowArg) => ({ abs: s.deltas.reviews[WINDOWS[window]].abs, pct: null }),
  },

  MetricsPoint: snakeCaseFields("listPrice", "bsrCategory", "buyboxSeller", "buyboxPrice", "inStock", "offersCount"),
};
