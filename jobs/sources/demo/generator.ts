import { daysBetween } from "@/lib/dates";
import { DEFAULT_MARKETPLACE, MARKETPLACES, type Marketplace } from "@/lib/products/marketplaces";
import { type ActiveAnomaly, anomalyOn } from "./anomalies";
import { charmPrice, DEMO_ANCHOR_DATE, type DemoProduct, type DemoSeason, type DemoSeller } from "./catalog";
import { dayNumber, routineDay, THIRD_PARTY_SELLERS } from "./events";
import { fractalNoise, hash32, pick, unit, valueNoise } from "./noise";

// One product-day of demo data in the shape of an Apify `junglee/amazon-crawler` item, computed
// directly from (product, date): no state, no replay of earlier days.

interface Money {
  value: number;
  currency: "$";
}

interface SellerBlock {
  name: string;
  id: string;
  url: string;
  reviewsCount: null;
  averageRating: null;
}

/** The subset of an Apify item the demo fills in, same keys and value shapes as the real actor. */
export interface ApifyItemLike {
  title: string;
  url: string;
  asin: string;
  originalAsin: string;
  price: Money | null;
  inStock: boolean;
  inStockText: string;
  listPrice: Money | null;
  brand: string;
  author: null;
  shippingPrice: null;
  stars: number;
  starsBreakdown: Record<string, never>;
  reviewsCount: number;
  answeredQuestions: null;
  breadCrumbs: string;
  thumbnailImage: string;
  seller: SellerBlock | null;
  bestsellerRanks: { rank: number; category: string; url: string }[];
  isAmazonChoice: boolean;
  amazonChoiceText: null;
  monthlyPurchaseVolume: string | null;
  /** ISO 3166 country of the storefront, as the actor reports it ("GB" for amazon.co.uk). */
  loadedCountryCode: string;
  offers: never[];
}

// Octave periods are in days. Slopes are bounded by 3/period per day (see valueNoise), which keeps
// routine day-over-day moves under the thresholds the anomaly detector is tuned for.
const PRICE_OCTAVES = [
  { period: 60, weight: 0.6 },
  { period: 21, weight: 0.3 },
  { period: 9, weight: 0.1 },
];
const PRICE_DRIFT = 0.07;
const BSR_OCTAVES = [
  { period: 45, weight: 0.6 },
  { period: 12, weight: 0.3 },
  { period: 4, weight: 0.1 },
];
const BSR_DRIFT = 0.22;
const BSR_DAILY_JITTER = 0.07;
const RATING_OCTAVES = [
  { period: 120, weight: 0.7 },
  { period: 40, weight: 0.3 },
];
const RATING_DRIFT = 0.2;
const REVIEW_WOBBLE_PERIOD = 20;
// Each extra day out of stock costs rank as sales stop.
const STOCK_OUT_RANK_PENALTY = 0.12;

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Regular (undiscounted) price. Sellers reprice in steps, not every day, so the drift is sampled
 * once per hold period of 3–7 days.
 */
function regularPrice(product: DemoProduct, day: number): number {
  const hold = 3 + (hash32(product.asin, "hold") % 5);
  const phase = hash32(product.asin, "hold-phase") % hold;
  const holdStart = Math.floor((day - phase) / hold) * hold + phase;
  return product.basePrice * Math.exp(PRICE_DRIFT * fractalNoise(`${product.asin}:price`, holdStart, PRICE_OCTAVES));
}

/** 0…1 demand boost: a bell around early December for gifts, around July 1 for summer gear. */
function seasonalDemand(season: DemoSeason, date: string): number {
  if (season === null) return 0;
  const [peak, width] = season === "q4" ? [342, 25] : [182, 40];
  const dayOfYear = daysBetween(`${date.slice(0, 4)}-01-01`, date);
  const distance = Math.min(Math.abs(dayOfYear - peak), 365 - Math.abs(dayOfYear - peak));
  return Math.exp(-(distance * distance) / (2 * width * width));
}

const SEASON_STRENGTH: Record<Exclude<DemoSeason, null>, number> = { q4: 0.45, summer: 0.35 };

/**
 * Reviews only accumulate: a steady rate plus a wobble whose slope is capped at 3/4 of the rate,
 * so the count is non-decreasing for any pair of days without summing a history.
 */
function reviewCount(product: DemoProduct, day: number): number {
  const rate = product.dailyReviewRate;
  const wobble = ((rate * REVIEW_WOBBLE_PERIOD) / 4) * valueNoise(`${product.asin}:reviews`, day, REVIEW_WOBBLE_PERIOD);
  const sinceAnchor = day - dayNumber(DEMO_ANCHOR_DATE);
  return Math.max(0, Math.floor(product.baseReviews + rate * sinceAnchor + wobble));
}

function rating(product: DemoProduct, day: number): number {
  const drift = RATING_DRIFT * fractalNoise(`${product.asin}:rating`, day, RATING_OCTAVES);
  return Math.min(5, Math.max(1, Math.round((product.baseRating + drift) * 10) / 10));
}

/** Amazon's "N+ bought in past month" badge, from a rough rank → monthly sales curve. */
function monthlyPurchaseVolume(rank: number): string | null {
  const monthlySales = 95_000 / rank ** 0.75;
  const buckets = [10_000, 5_000, 2_000, 1_000, 500, 300, 200, 100, 50];
  const bucket = buckets.find((b) => monthlySales >= b);
  if (bucket === undefined) return null;
  return `${bucket >= 1000 ? `${bucket / 1000}K` : bucket}+ bought in past month`;
}

function sellerBlock(seller: DemoSeller, domain: string): SellerBlock {
  return { name: seller.name, id: seller.id, url: `https://www.${domain}/sp?seller=${seller.id}`, reviewsCount: null, averageRating: null };
}

function bestSellerRanks(product: DemoProduct, rank: number, domain: string): ApifyItemLike["bestsellerRanks"] {
  const slug = product.bestsellerSlug;
  return [
    { rank, category: product.category, url: `https://www.${domain}/gp/bestsellers/${slug}/ref=pd_zg_ts_${slug}` },
    {
      rank: Math.max(1, Math.round(rank / product.subcategoryRankDivisor)),
      category: product.subcategory,
      url: `https://www.${domain}/gp/bestsellers/${slug}/${product.subcategoryNode}/ref=pd_zg_hrsr_${slug}`,
    },
  ];
}

/**
 * Deterministic demo item for `product` on `date` (YYYY-MM-DD); any day can be asked for in any order.
 * The URLs carry the marketplace's storefront domain, which is what normalization reads the
 * marketplace (and so the currency) from. Values stay the same on every marketplace.
 */
export function generateDemoItem(product: DemoProduct, date: string, marketplace: Marketplace = DEFAULT_MARKETPLACE): ApifyItemLike {
  const domain = MARKETPLACES[marketplace].domain;
  const day = dayNumber(date);
  const routine = routineDay(product, day);
  const anomaly: ActiveAnomaly | null = anomalyOn(product, day);
  const inStock = routine.stockOutDay === null && anomaly?.kind !== "stock_out";

  const regular = regularPrice(product, day);
  const shelfFactor = (1 - (routine.promoDiscount ?? 0)) * (routine.buyboxRival?.priceFactor ?? 1);

  // Rank follows the price shoppers see (promotions, reseller prices) but not injected price
  // anomalies, so each anomaly shows up in one signal only.
  const seasonal = product.season ? 1 - SEASON_STRENGTH[product.season] * seasonalDemand(product.season, date) : 1;
  const drift = Math.exp(BSR_DRIFT * fractalNoise(`${product.asin}:bsr`, day, BSR_OCTAVES));
  const jitter = Math.exp(BSR_DAILY_JITTER * (2 * unit(product.asin, "bsr-jitter", day) - 1));
  const stockOutPenalty = 1 + STOCK_OUT_RANK_PENALTY * ((routine.stockOutDay ?? -1) + 1);
  const anomalyRankFactor = anomaly?.kind === "bsr_jump" ? 1 + anomaly.magnitude : anomaly?.kind === "bsr_drop" ? 1 - anomaly.magnitude : 1;
  const rank = Math.max(
    1,
    Math.round(product.baseBsr * shelfFactor ** product.priceElasticity * seasonal * drift * jitter * stockOutPenalty * anomalyRankFactor),
  );

  let seller: DemoSeller | null = null;
  let price: number | null = null;
  if (inStock) {
    const shelf = charmPrice(regular * (1 - (routine.promoDiscount ?? 0)));
    if (anomaly?.kind === "buybox_lost") {
      seller = pick(THIRD_PARTY_SELLERS, product.asin, "anomaly-rival", anomaly.date);
      price = round2(shelf * (1 - anomaly.magnitude));
    } else if (routine.buyboxRival) {
      seller = routine.buyboxRival.seller;
      price = round2(shelf * routine.buyboxRival.priceFactor);
    } else {
      seller = product.seller;
      price = shelf;
    }
    if (anomaly?.kind === "price_spike") price = round2(price * (1 + anomaly.magnitude));
    if (anomaly?.kind === "price_drop") price = round2(price * (1 - anomaly.magnitude));
  }

  return {
    title: product.title,
    url: `https://www.${domain}/dp/${product.asin}`,
    asin: product.asin,
    originalAsin: product.asin,
    price: price === null ? null : { value: price, currency: "$" },
    inStock,
    inStockText: !inStock
      ? "Currently unavailable."
      : routine.unitsLeft
        ? `Only ${routine.unitsLeft} left in stock - order soon.`
        : "In Stock",
    // Amazon shows the struck-through "List Price" only while a deal is on.
    listPrice: inStock && routine.promoDiscount !== null ? { value: charmPrice(regular), currency: "$" } : null,
    brand: product.brand,
    author: null,
    shippingPrice: null,
    stars: rating(product, day),
    starsBreakdown: {},
    reviewsCount: reviewCount(product, day),
    answeredQuestions: null,
    breadCrumbs: product.breadCrumbs,
    thumbnailImage: product.thumbnailImage,
    seller: seller ? sellerBlock(seller, domain) : null,
    bestsellerRanks: bestSellerRanks(product, rank, domain),
    isAmazonChoice: false,
    amazonChoiceText: null,
    monthlyPurchaseVolume: monthlyPurchaseVolume(rank),
    loadedCountryCode: marketplace === "UK" ? "GB" : marketplace,
    offers: [],
  };
}
