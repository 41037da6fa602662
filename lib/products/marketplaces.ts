// Amazon marketplaces we understand: code, storefront domain and the ISO 4217 currency it prices in.
// The currency of a scraped price is inferred from the marketplace because Apify reports only a
// symbol ("$" is USD, CAD, AUD, MXN, SGD… depending on the store).
export const MARKETPLACES = {
  US: { domain: "amazon.com", currency: "USD" },
  CA: { domain: "amazon.ca", currency: "CAD" },
  MX: { domain: "amazon.com.mx", currency: "MXN" },
  BR: { domain: "amazon.com.br", currency: "BRL" },
  UK: { domain: "amazon.co.uk", currency: "GBP" },
  DE: { domain: "amazon.de", currency: "EUR" },
  FR: { domain: "amazon.fr", currency: "EUR" },
  IT: { domain: "amazon.it", currency: "EUR" },
  ES: { domain: "amazon.es", currency: "EUR" },
  NL: { domain: "amazon.nl", currency: "EUR" },
  BE: { domain: "amazon.com.be", currency: "EUR" },
  SE: { domain: "amazon.se", currency: "SEK" },
  PL: { domain: "amazon.pl", currency: "PLN" },
  TR: { domain: "amazon.com.tr", currency: "TRY" },
  AE: { domain: "amazon.ae", currency: "AED" },
  SA: { domain: "amazon.sa", currency: "SAR" },
  EG: { domain: "amazon.eg", currency: "EGP" },
  IN: { domain: "amazon.in", currency: "INR" },
  JP: { domain: "amazon.co.jp", currency: "JPY" },
  SG: { domain: "amazon.sg", currency: "SGD" },
  AU: { domain: "amazon.com.au", currency: "AUD" },
} as const;

export type Marketplace = keyof typeof MARKETPLACES;
export const MARKETPLACE_CODES = Object.keys(MARKETPLACES) as [Marketplace, ...Marketplace[]];
export const DEFAULT_MARKETPLACE: Marketplace = "US";

export function isMarketplace(value: string): value is Marketplace {
  return Object.hasOwn(MARKETPLACES, value);
}

/** Marketplace of an Amazon URL by its host ("www.amazon.com.au" → "AU"), or null. */
export function marketplaceFromUrl(url: string): Marketplace | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, "").replace(/^smile\./, "");
  } catch {
    return null;
  }
  for (const code of MARKETPLACE_CODES) if (MARKETPLACES[code].domain === host) return code;
  return null;
}

/** Minor units per major unit: JPY has none, everything else here has cents. */
export function minorUnitFactor(currency: string): number {
  return currency === "JPY" ? 1 : 100;
}
