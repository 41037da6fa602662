import { z } from "zod";
import { asinSchema } from "./asin";

// One dataset item of the Apify `junglee/amazon-crawler` actor (see test/fixtures/apify/README.md).
// The actor emits ~55 keys, varies them by page type and export view, and uses null, "" and {} for
// "not on the page", so everything is optional and unknown keys pass through. Only the fields whose
// meaning we store are checked strictly: a wrong ASIN, price, rating or rank would silently corrupt
// a time series, so such an item is rejected rather than guessed at.

/** "23,642", "1.234" (EU grouping) or "980" → integer; anything else → null. */
function parseCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(?:[,.\s\u00a0\u202f]\d{3})+$|^\d+$/.test(trimmed)) return null;
  return Number(trimmed.replace(/\D/g, ""));
}

// Counts arrive as numbers from the actor but as grouped text from other exports.
const countLike = z
  .union([z.number(), z.string()], { error: "expected a number or numeric text" })
  .transform((value, ctx) => {
    if (typeof value === "number") return value;
    const count = parseCount(value);
    if (count === null) {
      ctx.issues.push({ code: "custom", message: `not a whole number: ${JSON.stringify(value)}`, input: value });
      return z.NEVER;
    }
    return count;
  });

// Prices stay numbers only: "1.234" is a thousand in Germany and one-point-two in the US, so a
// string price cannot be read without guessing.
const amount = z.number().nonnegative();

/** `{ value, currency }` where currency is usually a symbol ("$", "€"), sometimes an ISO code. */
export const apifyMoneySchema = z.looseObject({
  // The actor writes `{ value: null, currency: null }` for an absent shipping price.
  value: amount.nullish(),
  currency: z.string().nullish(),
});

const sellerSchema = z.looseObject({
  name: z.string().nullish(),
  id: z.string().nullish(),
  url: z.string().nullish(),
});

// Offers are only scraped when the run sets `maxOffers`; their exact shape is not in our fixtures,
// so only the price is checked and the seller / buy-box flags are read defensively by the normaliser.
const offerSchema = z.looseObject({
  price: z.union([apifyMoneySchema, amount]).nullish(),
  sellerName: z.string().nullish(),
  seller: sellerSchema.nullish(),
});

const bestsellerRankSchema = z.looseObject({
  rank: countLike.pipe(z.number().int().positive()),
  category: z.string().nullish(),
  url: z.string().nullish(),
});

// `attributes` is free-form page text; a value of an unexpected type must not sink the item.
const attributeSchema = z.looseObject({
  key: z.string().nullish(),
  value: z.unknown(),
});

export const apifyItemSchema = z.looseObject({
  asin: asinSchema,
  title: z.string().nullish(),
  url: z.string().nullish(),
  brand: z.string().nullish(),
  price: apifyMoneySchema.nullish(),
  listPrice: z.union([apifyMoneySchema, amount]).nullish(),
  inStock: z.boolean().nullish(),
  inStockText: z.string().nullish(),
  stars: z.number().min(0).max(5).nullish(),
  // `{}` when the page shows no histogram.
  starsBreakdown: z.record(z.string(), z.unknown()).nullish(),
  reviewsCount: countLike.pipe(z.number().int().nonnegative()).nullish(),
  // "" when Amazon shows no breadcrumb trail.
  breadCrumbs: z.string().nullish(),
  thumbnailImage: z.string().nullish(),
  seller: sellerSchema.nullish(),
  bestsellerRanks: z.array(bestsellerRankSchema).nullish(),
  attributes: z.array(attributeSchema).nullish(),
  offers: z.array(offerSchema).nullish(),
  loadedCountryCode: z.string().nullish(),
  monthlyPurchaseVolume: z.string().nullish(),
});

export type ApifyItem = z.output<typeof apifyItemSchema>;
export type ApifyMoney = z.output<typeof apifyMoneySchema>;
export type ApifyOffer = z.output<typeof offerSchema>;
