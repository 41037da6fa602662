import "server-only";
import { getDb } from "@/db/client";
import { insertTrackedProducts } from "@/db/queries/tracking";
import { bumpVersion } from "@/lib/cache/data-version";
import { ASIN_PATTERN, normalizeAsin } from "./asin";
import type { Marketplace } from "./marketplaces";
import type { TrackProductsResult } from "./responses";

/** Why an input is not an ASIN, in words an integrator can act on; null when it is one. */
function invalidReason(normalized: string): string | null {
  if (ASIN_PATTERN.test(normalized)) return null;
  if (normalized === "") return "empty";
  if (/[^A-Z0-9]/.test(normalized)) return "only letters A-Z and digits 0-9 are allowed";
  return `an ASIN has 10 characters, this has ${normalized.length}`;
}

/**
 * Tracks ASINs for the workspace in bulk. Inputs are trimmed and upper-cased; malformed ones are
 * reported with a reason and do not stop the rest. Duplicates in the request count once.
 */
export async function trackProducts(input: { workspaceId: string; asins: string[]; marketplace: Marketplace }): Promise<TrackProductsResult> {
  const invalid: TrackProductsResult["invalid"] = [];
  const valid = new Set<string>();
  for (const raw of input.asins) {
    const asin = normalizeAsin(raw);
    const reason = invalidReason(asin);
    if (reason) invalid.push({ asin: raw, reason });
    else valid.add(asin);
  }
  const db = await getDb();
  const items = [...valid].map((asin) => ({ asin, marketplace: input.marketplace }));
  // One transaction: a failure halfway leaves nothing half-tracked.
  const added = new Set(await db.transaction((tx) => insertTrackedProducts(tx, input.workspaceId, items)));
  // Cached product lists of the workspace must show the new rows at once, on every instance.
  if (added.size > 0) await bumpVersion(`ws:${input.workspaceId}`);
  return {
    added: [...valid].filter((a) => added.has(a)),
    already_tracked: [...valid].filter((a) => !added.has(a)),
    invalid,
  };
}
