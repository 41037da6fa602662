// GET /api/v1/products — the workspace's tracked products with latest metrics and deltas
// POST /api/v1/products — track up to 5000 ASINs; invalid ones are reported with a reason
import { defineRoute } from "@/lib/http/define-route";
import { conditionalJson, jsonResponse } from "@/lib/http/responses";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { listProductsContract, trackProductsContract } from "@/lib/products/contracts";
import { listProducts } from "@/lib/products/list-products";
import { trackProducts } from "@/lib/products/track-products";

export const GET = defineRoute(listProductsContract, async ({ request, principal, query }) => {
  const page = await listProducts({ workspaceId: principal!.workspaceId, ...query.sort, q: query.q, limit: query.limit, cursor: query.cursor });
  return conditionalJson(request, page!, { cacheControl: PRIVATE_REVALIDATE });
});

export const POST = defineRoute(trackProductsContract, async ({ principal, body }) =>
  jsonResponse(await trackProducts({ workspaceId: principal!.workspaceId, asins: body.asins, marketplace: body.marketplace })),
);
