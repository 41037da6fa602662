import { randomBytes } from "node:crypto";
import { insertApiKey } from "@/db/queries/api-keys";
import { upsertDailyMetrics, upsertProducts } from "@/db/queries/product-writes";
import { rebuildProductLatest } from "@/db/queries/product-latest-rebuild";
import { trackProducts } from "@/db/queries/tracking";
import { ensureWorkspace } from "@/db/queries/workspaces";
import type { Role } from "@/db/schema";
import { displayPrefix, generateApiKey, hashApiKey } from "@/lib/auth/api-key-secret";
import { addDays } from "@/lib/dates";
import type { DailyMetrics, ProductFacts } from "@/lib/products/types";
import { testDatabase } from "./database";

/** A fresh workspace with one API key per role. */
export async function createWorkspace(): Promise<{ id: string; keys: Record<Role, string> }> {
  const { db } = await testDatabase();
  const slug = `ws-${randomBytes(5).toString("hex")}`;
  const { id } = await ensureWorkspace(db, slug, slug);
  const keys = {} as Record<Role, string>;
  for (const role of ["viewer", "analyst", "admin"] as const) {
    const key = generateApiKey();
    await insertApiKey(db, { workspaceId: id, name: role, role, keyHash: hashApiKey(key), prefix: displayPrefix(key) });
    keys[role] = key;
  }
  return { id, keys };
}

/** A random valid ASIN, unique enough that tests sharing a database never collide. */
export function randomAsin(): string {
  return `T${randomBytes(9).toString("hex").toUpperCase().slice(0, 9)}`;
}

export function metricsDay(asin: string, date: string, overrides: Partial<DailyMetrics> = {}): DailyMetrics {
  return {
    asin, marketplace: "US", date, priceCents: 1999, listPriceCents: null, currency: "USD", bsr: 1000, bsrCategory: "Kitchen & Dining",
    rating: 4.5, reviews: 100, buyboxSeller: "Acme", buyboxPriceCents: 1999, inStock: true, offersCount: null, ...overrides,
  };
}

/**
 * Stores a product with one row per day ending at `end` (the day i value comes from `day(i)`),
 * rebuilds its mart row and optionally tracks it for a workspace.
 */
export async function storeProduct(opts: {
  asin?: string;
  end: string;
  days: number;
  day?: (i: number, date: string) => Partial<DailyMetrics>;
  facts?: Partial<ProductFacts>;
  trackFor?: string;
}): Promise<string> {
  const { db } = await testDatabase();
  const asin = opts.asin ?? randomAsin();
  const rows = Array.from({ length: opts.days }, (_, i) => {
    const date = addDays(opts.end, i - opts.days + 1);
    return metricsDay(asin, date, opts.day?.(i, date));
  });
  await upsertProducts(db, [{ asin, marketplace: "US", title: `Product ${asin}`, brand: "Acme", category: "Kitchen & Dining", imageUrl: null, url: null, ...opts.facts }], rows[0]!.date);
  await upsertDailyMetrics(db, rows);
  await rebuildProductLatest(db, [asin]);
  if (opts.trackFor) await trackProducts(db, opts.trackFor, [{ asin, marketplace: "US" }]);
  return asin;
}
