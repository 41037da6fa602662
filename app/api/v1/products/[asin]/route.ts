// GET /api/v1/products/{asin} — latest snapshot: product facts, metrics, deltas 1d/7d/30d
import { config } from "@/lib/config/env";
import { defineRoute } from "@/lib/http/define-route";
import { NotFound } from "@/lib/http/errors";
import { conditionalJson } from "@/lib/http/responses";
import { productCacheControl } from "@/lib/http/cache-control";
import { getProduct } from "@/lib/products/get-product";
import { asinParamsSchema, productQuerySchema } from "@/lib/products/schemas";

export const GET = defineRoute(
  {
    route: "/api/v1/products/{asin}",
    access: { kind: "role", role: "viewer", anonymous: () => config().publicProductReads },
    params: asinParamsSchema,
    query: productQuerySchema,
  },
  async ({ request, principal, params, query }) => {
    const product = await getProduct(params.asin, query.marketplace);
    if (!product) throw new NotFound(`No product ${params.asin} in marketplace ${query.marketplace}.`);
    return conditionalJson(request, product, { cacheControl: productCacheControl(principal) });
  },
);
