import type { z } from "zod";
import { isIsoDate } from "@/lib/dates";
import { apifyItemSchema, type ApifyItem, type ApifyMoney, type ApifyOffer } from "./apify-item";
import { ASIN_PATTERN, normalizeAsin } from "./asin";
import {
  DEFAULT_MARKETPLACE,
  isMarketplace,
  MARKETPLACES,
  marketplaceFromUrl,
  minorUnitFactor,
  type Marketplace,
} from "./marketplaces";
import type { DailyMetrics, NormalizeResult, ProductFacts } from "./types";

export interface NormalizeContext {
  /** The product-day the scrape belongs to (YYYY-MM-DD, UTC). */
  date: string;
  /** Used when neither the URL nor `loadedCountryCode` names a marketplace. */
  marketplace?: Marketplace;
}

const MAX_REPORTED_ISSUES = 4;

/**
 * One Apify item → product facts + one day of metrics. Never throws: a scrape batch must keep going
 * past a bad item, so malformed input comes back as `{ ok: false }` with the offending field paths.
 */
export function normalizeApifyItem(raw: unknown, ctx: NormalizeContext): NormalizeResult {
  if (!isIsoDate(ctx.date)) {
    return { ok: false, asin: readableAsin(raw), error: `date: not a calendar date: ${JSON.stringify(ctx.date)}` };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, asin: null, error: `item: expected an object, got ${describe(raw)}` };
  }
  const parsed = apifyItemSchema.safeParse(raw, {
    error: (issue) => (issue.input === undefined && issue.code === "invalid_type" ? "required" : undefined),
  });
  if (!parsed.success) return { ok: false, asin: readableAsin(raw), error: formatIssues(parsed.error.issues) };

  const item = parsed.data;
  const marketplace = resolveMarketplace(item, ctx.marketplace);
  const currency = resolveCurrency(marketplace, item.price?.currency);
  const bsr = bestSellerRank(item);
  const buybox = buyBox(item, currency, marketplace);

  const priceCents = moneyInCurrency(item.price, currency, marketplace);
  const listPriceCents = moneyInCurrency(item.listPrice, currency, marketplace);

  const product: ProductFacts = {
    asin: item.asin,
    marketplace,
    title: text(item.title),
    brand: cleanBrand(item.brand),
    category: text(item.breadCrumbs?.split(">")[0]) ?? bsr?.category ?? null,
    imageUrl: text(item.thumbnailImage),
    url: text(item.url),
  };
  const metrics: DailyMetrics = {
    asin: item.asin,
    marketplace,
    date: ctx.date,
    priceCents,
    listPriceCents,
    // A currency without any amount would only invite a reader to trust a missing price.
    currency: priceCents !== null || listPriceCents !== null || buybox.priceCents !== null ? currency : null,
    bsr: bsr?.rank ?? null,
    bsrCategory: bsr?.category ?? null,
    // Amazon ratings start at 1 star; the actor reports 0 for "no ratings yet".
    rating: item.stars ? item.stars : null,
    reviews: item.reviewsCount ?? null,
    buyboxSeller: buybox.seller,
    buyboxPriceCents: buybox.priceCents,
    inStock: stockStatus(item),
    offersCount: item.offers?.length ? item.offers.length : null,
  };
  return { ok: true, product, metrics };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

function readableAsin(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null || !("asin" in raw) || typeof raw.asin !== "string") return null;
  const asin = normalizeAsin(raw.asin);
  return ASIN_PATTERN.test(asin) ? asin : null;
}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  const parts = issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "item"}: ${issue.message}`);
  if (issues.length > MAX_REPORTED_ISSUES) parts.push(`(+${issues.length - MAX_REPORTED_ISSUES} more)`);
  return parts.join("; ");
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

// The byline sometimes leaks into `brand` as "Brand: X" or "Visit the X Store".
function cleanBrand(value: string | null | undefined): string | null {
  const brand = text(value);
  if (brand === null) return null;
  return text(brand.replace(/^brand:\s*/i, "").replace(/^visit the (.+) store$/i, "$1"));
}

// ---- marketplace and currency -------------------------------------------------------------------

function resolveMarketplace(item: ApifyItem, fallback: Marketplace | undefined): Marketplace {
  const fromUrl = item.url ? marketplaceFromUrl(item.url) : null;
  if (fromUrl) return fromUrl;
  // ISO 3166 says GB; Amazon and our marketplace table say UK.
  const country = item.loadedCountryCode?.trim().toUpperCase().replace(/^GB$/, "UK");
  if (country && isMarketplace(country)) return country;
  return fallback ?? DEFAULT_MARKETPLACE;
}

// Symbols that name exactly one currency. "$", "¥" and "kr" do not ("$" alone is USD, CAD, AUD,
// MXN or SGD; "¥" is JPY or CNY), so those follow the marketplace's own currency.
const UNAMBIGUOUS_SYMBOLS: Record<string, string> = {
  "€": "EUR",
  "£": "GBP",
  "₹": "INR",
  "₺": "TRY",
  "R$": "BRL",
  "zł": "PLN",
  US$: "USD",
  CA$: "CAD",
  C$: "CAD",
  A$: "AUD",
  AU$: "AUD",
  MX$: "MXN",
  S$: "SGD",
};

let isoCurrencies: Set<string> | undefined;

function isIsoCurrency(code: string): boolean {
  isoCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return isoCurrencies.has(code);
}

/**
 * ISO 4217 currency of an amount scraped on `marketplace`. Amazon's currency converter can show a
 * foreign currency, so an unambiguous symbol or ISO code overrides the marketplace default.
 */
export function resolveCurrency(marketplace: Marketplace, reported: string | null | undefined): string {
  const own = MARKETPLACES[marketplace].currency;
  const symbol = reported?.trim();
  if (!symbol) return own;
  if (Object.hasOwn(UNAMBIGUOUS_SYMBOLS, symbol)) return UNAMBIGUOUS_SYMBOLS[symbol];
  const code = symbol.toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && isIsoCurrency(code)) return code;
  return own;
}

/**
 * Major units → integer minor units. The product is rounded at 12 significant digits first so that
 * binary float noise (1.005 * 100 = 100.49999999999999) rounds the way the decimal price reads.
 */
export function toMinorUnits(value: number, currency: string): number {
  return Math.round(Number((value * minorUnitFactor(currency)).toPrecision(12)));
}

/** Minor units of a money field, or null when absent or priced in a different currency than `currency`. */
function moneyInCurrency(
  money: ApifyMoney | number | null | undefined,
  currency: string,
  marketplace: Marketplace,
): number | null {
  if (money === null || money === undefined) return null;
  if (typeof money === "number") return toMinorUnits(money, currency);
  if (money.value === null || money.value === undefined) return null;
  // Mixing currencies in one metrics row would make every comparison wrong; drop the odd one out.
  if (resolveCurrency(marketplace, money.currency) !== currency) return null;
  return toMinorUnits(money.value, currency);
}

// ---- best sellers rank --------------------------------------------------------------------------

export interface BestSellerRank {
  rank: number;
  category: string | null;
}

function bestSellerRank(item: ApifyItem): BestSellerRank | null {
  const top = item.bestsellerRanks?.[0];
  if (top) return { rank: top.rank, category: text(top.category) };
  const attribute = item.attributes?.find((a) => a.key && /best\s*sellers?\s*rank/i.test(a.key));
  return typeof attribute?.value === "string" ? parseBestSellersRank(attribute.value) : null;
}

/**
 * First rank in the page's "Best Sellers Rank" text, which is the top-level category:
 * "28 in Health, Household & Personal Care (See Top 100 in …)1 in Earplugs" → 28 / "Health, …".
 */
export function parseBestSellersRank(value: string): BestSellerRank | null {
  // "(See Top 100 in …)" is a link, not a rank, hence the lookbehind.
  const match =
    /(?<!\btop\s*)(?<![\w,.])#?\s*(\d{1,3}(?:[,.\s\u00a0]\d{3})+|\d+)\s+in\s+(.+?)\s*(?=\(|#|\s\d[\d,.]*\s+in\s|$)/i.exec(
      value,
    );
  if (!match) return null;
  const rank = Number(match[1].replace(/\D/g, ""));
  if (!Number.isInteger(rank) || rank < 1) return null;
  return { rank, category: text(match[2]) };
}

// ---- buy box ------------------------------------------------------------------------------------

// The actor has no buy-box field and the offer shape is undocumented, so a winner flag is looked
// for under the names other Amazon scrapers use.
const BUY_BOX_FLAGS = ["isBuyBoxWinner", "buyBoxWinner", "isBuyBox", "buyBox", "hasBuyBox"];

function offerSeller(offer: ApifyOffer): string | null {
  return text(offer.seller?.name) ?? text(offer.sellerName);
}

function isBuyBoxWinner(offer: ApifyOffer): boolean {
  return BUY_BOX_FLAGS.some((flag) => offer[flag] === true);
}

function buyBox(
  item: ApifyItem,
  currency: string,
  marketplace: Marketplace,
): { seller: string | null; priceCents: number | null } {
  const offers = item.offers ?? [];
  // `seller` is the featured offer, i.e. whoever holds the buy box when the page was loaded.
  const featured = text(item.seller?.name);
  if (featured) {
    const offer = offers.find((o) => offerSeller(o) === featured);
    const offerPrice = offer ? moneyInCurrency(offer.price, currency, marketplace) : null;
    return { seller: featured, priceCents: offerPrice ?? moneyInCurrency(item.price, currency, marketplace) };
  }
  const offer = offers.find(isBuyBoxWinner) ?? offers[0];
  if (!offer) return { seller: null, priceCents: null };
  const seller = offerSeller(offer);
  return { seller, priceCents: seller ? moneyInCurrency(offer.price, currency, marketplace) : null };
}

// ---- availability -------------------------------------------------------------------------------

const OUT_OF_STOCK = /out of stock|unavailable|not available|nicht verfügbar|no disponible|non disponibile|indisponible/i;
const IN_STOCK = /in stock|dispatched|ships within|usually ships|available|auf lager|en stock|disponible|disponibile/i;

/** Availability from the page's stock sentence; null when the sentence says neither. */
export function inStockFromText(value: string): boolean | null {
  // Negative phrases win: "Temporarily out of stock. Order now and we'll deliver when available."
  if (OUT_OF_STOCK.test(value)) return false;
  if (IN_STOCK.test(value)) return true;
  return null;
}

function stockStatus(item: ApifyItem): boolean | null {
  if (typeof item.inStock === "boolean") return item.inStock;
  return item.inStockText ? inStockFromText(item.inStockText) : null;
}
