import { between, hash32, intBetween, pick, unit } from "./noise";

// A made-up but plausible amazon.com catalogue for the demo source. Each product is derived from
// (seed, index) alone, so demoCatalog(50) is a prefix of demoCatalog(500).

export type DemoCategory =
  | "Kitchen & Dining"
  | "Sports & Outdoors"
  | "Health & Household"
  | "Electronics"
  | "Toys & Games"
  | "Pet Supplies";

/** When demand peaks: the holiday quarter for gifts, summer for outdoor gear. */
export type DemoSeason = "q4" | "summer" | null;

export interface DemoSeller {
  name: string;
  id: string;
}

export interface DemoProduct {
  asin: string;
  title: string;
  brand: string;
  category: DemoCategory;
  /** Leaf category: the second best-seller rank and the last breadcrumb. */
  subcategory: string;
  breadCrumbs: string;
  bestsellerSlug: string;
  subcategoryNode: string;
  thumbnailImage: string;
  season: DemoSeason;
  /** Regular price in USD. */
  basePrice: number;
  baseBsr: number;
  /** Sub-category rank ≈ top-level rank / this. */
  subcategoryRankDivisor: number;
  /** How strongly rank reacts to price: rank ∝ price^elasticity. */
  priceElasticity: number;
  baseRating: number;
  /** Review count on DEMO_ANCHOR_DATE. */
  baseReviews: number;
  dailyReviewRate: number;
  seller: DemoSeller;
}

export const DEMO_ANCHOR_DATE = "2026-01-01";
export const AMAZON_SELLER: DemoSeller = { name: "Amazon.com", id: "ATVPDKIKX0DER" };

interface ProductType {
  noun: string;
  path: string;
  variants: readonly string[];
  price: readonly [number, number];
}

interface CategorySpec {
  name: DemoCategory;
  slug: string;
  season: DemoSeason;
  brands: readonly string[];
  descriptors: readonly string[];
  types: readonly ProductType[];
}

const CATEGORIES: readonly CategorySpec[] = [
  {
    name: "Kitchen & Dining",
    slug: "kitchen",
    season: null,
    brands: ["Hearthline", "Copperleaf", "Kitchora", "Brewmont", "Saltwell"],
    descriptors: ["Stainless Steel", "BPA-Free", "Dishwasher Safe", "Professional Grade"],
    types: [
      { noun: "French Press Coffee Maker", path: "Coffee, Tea & Espresso > Coffee Makers > French Presses", variants: ["34 oz", "20 oz", "50 oz"], price: [18, 45] },
      { noun: "Nonstick Frying Pan", path: "Cookware > Pots & Pans > Skillets", variants: ["10 inch", "12 inch", "8 inch"], price: [20, 60] },
      { noun: "Chef Knife", path: "Cutlery & Knife Accessories > Kitchen Knives > Chef's Knives", variants: ["8 inch", "7 inch Santoku"], price: [15, 90] },
      { noun: "Silicone Spatula Set", path: "Kitchen Utensils & Gadgets > Spatulas", variants: ["5 Piece", "3 Piece"], price: [12, 25] },
      { noun: "Glass Meal Prep Containers", path: "Storage & Organization > Food Storage > Containers", variants: ["10 Pack", "5 Pack"], price: [20, 45] },
    ],
  },
  {
    name: "Sports & Outdoors",
    slug: "sporting-goods",
    season: "summer",
    brands: ["Trailvane", "Summitry", "Kinetiq", "Outpost Nine", "Ridgeway Athletics"],
    descriptors: ["Lightweight", "Heavy Duty", "Leak-Proof", "All-Weather"],
    types: [
      { noun: "Insulated Water Bottle", path: "Outdoor Recreation > Camping & Hiking > Hydration > Water Bottles", variants: ["32 oz", "24 oz", "40 oz"], price: [15, 40] },
      { noun: "Yoga Mat", path: "Exercise & Fitness > Yoga > Yoga Mats", variants: ["6mm Thick", "8mm Extra Thick"], price: [20, 60] },
      { noun: "Adjustable Dumbbells", path: "Exercise & Fitness > Strength Training Equipment > Dumbbells", variants: ["25 lb Pair", "52.5 lb Set"], price: [60, 300] },
      { noun: "Camping Hammock", path: "Outdoor Recreation > Camping & Hiking > Hammocks", variants: ["Double", "Single with Tree Straps"], price: [20, 60] },
      { noun: "Pickleball Paddle Set", path: "Sports > Racquet Sports > Pickleball > Pickleball Paddles", variants: ["2 Paddles, 4 Balls", "Graphite, Single"], price: [30, 90] },
    ],
  },
  {
    name: "Health & Household",
    slug: "hpc",
    season: null,
    brands: ["Calmwell", "Purevista", "Nordleaf Health", "Restora", "Vitalbay"],
    descriptors: ["Clinically Tested", "Travel Size", "Hypoallergenic", "Value Pack"],
    types: [
      { noun: "Reusable Ear Plugs for Sleep", path: "Health Care > Ear Care > Earplugs", variants: ["2 Pairs", "Noise Reduction 26dB"], price: [15, 40] },
      { noun: "Digital Thermometer", path: "Health Care > Thermometers & Accessories > Digital Thermometers", variants: ["Oral", "No-Touch Forehead"], price: [12, 35] },
      { noun: "Toothbrush Replacement Heads", path: "Oral Care > Toothbrushes & Accessories > Replacement Heads", variants: ["8 Count", "4 Count"], price: [15, 35] },
      { noun: "Vitamin D3 Softgels", path: "Vitamins, Minerals & Supplements > Vitamins > Vitamin D", variants: ["5000 IU, 360 Count", "2000 IU, 180 Count"], price: [12, 30] },
      { noun: "Blackout Sleep Mask", path: "Health Care > Sleep & Snoring > Sleeping Masks", variants: ["Contoured", "Silk, 2 Pack"], price: [12, 30] },
    ],
  },
  {
    name: "Electronics",
    slug: "electronics",
    season: "q4",
    brands: ["Voltaic", "Sonique", "Lumora", "Arcwave", "Pixelfold"],
    descriptors: ["Fast Charging", "Bluetooth 5.3", "Compact", "2026 Model"],
    types: [
      { noun: "Wireless Earbuds", path: "Headphones, Earbuds & Accessories > Earbud Headphones", variants: ["Noise Cancelling", "Sport Fit"], price: [25, 150] },
      { noun: "USB-C Wall Charger", path: "Computers & Accessories > Power Accessories > Wall Chargers", variants: ["65W GaN", "30W"], price: [15, 50] },
      { noun: "Portable Power Bank", path: "Cell Phones & Accessories > Chargers & Power Adapters > Portable Power Banks", variants: ["10000mAh", "20000mAh"], price: [20, 70] },
      { noun: "Smart Plug", path: "Smart Home > Smart Plugs", variants: ["4 Pack", "2 Pack"], price: [15, 40] },
      { noun: "Bluetooth Speaker", path: "Portable Audio & Video > Portable Bluetooth Speakers", variants: ["Waterproof", "24h Playtime"], price: [25, 120] },
    ],
  },
  {
    name: "Toys & Games",
    slug: "toys-and-games",
    season: "q4",
    brands: ["Brightblock", "Pebblepop", "Wonderkin", "Tinker Tide", "Puzzlecraft"],
    descriptors: ["STEM", "Gift for Kids", "Award Winning", "Ages 6+"],
    types: [
      { noun: "Magnetic Building Tiles", path: "Building Toys > Magnetic Building Toys", variants: ["60 Piece", "100 Piece"], price: [25, 80] },
      { noun: "Jigsaw Puzzle", path: "Puzzles > Jigsaw Puzzles", variants: ["1000 Piece", "500 Piece"], price: [12, 30] },
      { noun: "Family Board Game", path: "Games & Accessories > Board Games", variants: ["Party Edition", "Classic"], price: [15, 45] },
      { noun: "Remote Control Car", path: "Remote & App Controlled Vehicles > Hobby RC Cars", variants: ["1:16 Scale", "Off-Road 4WD"], price: [30, 90] },
      { noun: "Plush Toy", path: "Stuffed Animals & Plush Toys > Plush Figures", variants: ["12 inch", "Giant 24 inch"], price: [12, 30] },
    ],
  },
  {
    name: "Pet Supplies",
    slug: "pet-supplies",
    season: null,
    brands: ["Pawsome Co", "Tailwise", "Furbridge", "Whiskerly", "Barkridge"],
    descriptors: ["Durable", "Vet Recommended", "Machine Washable", "Non-Slip"],
    types: [
      { noun: "Dog Chew Toy", path: "Dogs > Toys > Chew Toys", variants: ["Large", "3 Pack"], price: [12, 25] },
      { noun: "Cat Litter Mat", path: "Cats > Litter & Housebreaking > Litter Mats", variants: ["XL", "Honeycomb Double Layer"], price: [15, 35] },
      { noun: "Orthopedic Dog Bed", path: "Dogs > Beds & Furniture > Beds", variants: ["Large", "Medium"], price: [30, 120] },
      { noun: "Automatic Pet Feeder", path: "Cats > Feeding & Watering Supplies > Automatic Feeders", variants: ["4L", "6L Dual Bowl"], price: [40, 110] },
      { noun: "No-Pull Dog Harness", path: "Dogs > Collars, Harnesses & Leashes > Harnesses", variants: ["Medium", "Large"], price: [15, 40] },
    ],
  },
];

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** `length` characters of [A-Z0-9] drawn from the key; 4 per 32-bit hash keeps them uniform enough. */
function idChars(length: number, ...key: (string | number)[]): string {
  let out = "";
  for (let chunk = 0; out.length < length; chunk++) {
    let h = hash32(...key, chunk);
    for (let i = 0; i < 4 && out.length < length; i++) {
      out += ID_ALPHABET[h % 36];
      h = Math.floor(h / 36);
    }
  }
  return out;
}

/** Shelf price with a charm ending: $0.50 steps under $20 (12.49, 12.99), whole dollars above (24.99). */
export function charmPrice(value: number): number {
  const step = value < 20 ? 0.5 : 1;
  return Math.round(Math.max(step, Math.round(value / step) * step) * 100 - 1) / 100;
}

function buildProduct(seed: string, index: number, asin: string): DemoProduct {
  const spec = CATEGORIES[index % CATEGORIES.length];
  const key = (field: string) => [seed, index, field] as const;
  const type = pick(spec.types, ...key("type"));
  const brand = pick(spec.brands, ...key("brand"));
  const leaf = type.path.split(" > ").at(-1) ?? type.noun;

  // Popular items (low rank) carry more reviews and gain them faster; the log scale spreads
  // ranks the way real catalogues do, from top-100 sellers to the long tail.
  const popularity = unit(...key("popularity"));
  const baseBsr = Math.round(Math.exp(Math.log(80) + popularity * (Math.log(60_000) - Math.log(80))));
  const typicalReviews = Math.exp(Math.log(40_000) * (1 - popularity) + Math.log(60) * popularity);
  const baseReviews = Math.round(typicalReviews * between(0.5, 1.5, ...key("reviews")));
  const sellerRoll = unit(...key("seller"));
  const seller =
    sellerRoll < 0.3
      ? AMAZON_SELLER
      : { name: `${brand} ${sellerRoll < 0.65 ? "Store" : "Direct"}`, id: `A${idChars(13, ...key("sellerId"))}` };

  return {
    asin,
    title: `${brand} ${type.noun} – ${pick(spec.descriptors, ...key("descriptor"))}, ${pick(type.variants, ...key("variant"))}`,
    brand,
    category: spec.name,
    subcategory: leaf,
    breadCrumbs: `${spec.name} > ${type.path}`,
    bestsellerSlug: spec.slug,
    subcategoryNode: String(1_000_000_000 + hash32(spec.slug, type.path)),
    thumbnailImage: `https://m.media-amazon.com/images/I/${idChars(11, ...key("image"))}._AC_SX300_SY300_QL70_ML2_.jpg`,
    season: spec.season,
    basePrice: charmPrice(between(type.price[0], type.price[1], ...key("price"))),
    baseBsr,
    subcategoryRankDivisor: between(20, 300, ...key("subRank")),
    priceElasticity: between(1.5, 2.5, ...key("elasticity")),
    baseRating: Math.round(between(36, 48.99, ...key("rating"))) / 10,
    baseReviews,
    dailyReviewRate: Math.max(0.05, (baseReviews / intBetween(365, 1400, ...key("age"))) * between(0.6, 1.4, ...key("rate"))),
    seller,
  };
}

const DEFAULT_SEED = "shelfwatch-demo";
// `npm run demo` tracks a prefix of this catalogue; its ASINs keep their catalogue products.
const LOOKUP_CATALOG_SIZE = 1000;
let catalogByAsin: Map<string, DemoProduct> | undefined;

/**
 * The demo product behind any ASIN: the catalogue's own for one of the first 1000 catalogue ASINs,
 * else a product derived from the ASIN alone, so any ASIN a user tracks gets stable, plausible data.
 */
export function demoProductFor(asin: string): DemoProduct {
  catalogByAsin ??= new Map(demoCatalog(LOOKUP_CATALOG_SIZE).map((product) => [product.asin, product]));
  // A seed of its own keeps derived products from repeating catalogue entries (same seed, same index).
  return catalogByAsin.get(asin) ?? buildProduct(`${DEFAULT_SEED}:asin:${asin}`, hash32("index", asin), asin);
}

/** `count` distinct US demo products spread evenly over six categories. Deterministic per seed. */
export function demoCatalog(count: number, opts: { seed?: string } = {}): DemoProduct[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const taken = new Set<string>();
  const products: DemoProduct[] = [];
  for (let index = 0; index < count; index++) {
    let asin: string;
    let attempt = 0;
    do asin = `B0${idChars(8, seed, index, "asin", attempt++)}`;
    while (taken.has(asin));
    taken.add(asin);
    products.push(buildProduct(seed, index, asin));
  }
  return products;
}
