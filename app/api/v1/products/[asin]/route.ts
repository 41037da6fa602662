// GET /api/v1/products/{asin} — latest snapshot: product facts, metrics, deltas 1d/7d/30d
// DELETE /api/v1/products/{asin} — stop tracking (?marketplace=, default US) → 204
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson } from "@/lib/http/responses";
import { productCacheControl } from "@/lib/http/cache-control";
import { getProductContract, untrackProductContract } from "@/lib/products/contracts";
import { getProduct } from "@/lib/products/get-product";
import { untrackProduct } from "@/lib/products/untrack-product";

export const GET = defineRoute(getProductContract, async ({ request, principal, params, query }) => {
  const product = await getProduct(params.asin, query.marketplace);
  if (!product) throw new NotFound(`No product ${params.asin} in marketplace ${query.marketplace}.`);
  return conditionalJson(request, product, { cacheControl: productCacheControl(principal) });
});

export const DELETE = defineRoute(untrackProductContract, async ({ principal, params, query }) => {
  await untrackProduct({ workspaceId: principal!.workspaceId, asin: params.asin, marketplace: query.marketplace });
  return new Response(null, { status: 204 });
});
