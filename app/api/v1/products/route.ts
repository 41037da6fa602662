// GET /api/v1/products — the workspace's tracked products with latest metrics and deltas
import { defineRoute } from "@/lib/http/define-route";
import { conditionalJson } from "@/lib/http/responses";
import { PRIVATE_REVALIDATE } from "@/lib/http/cache-control";
import { listProducts } from "@/lib/products/list-products";
import { listProductsQuerySchema } from "@/lib/products/schemas";

export const GET = defineRoute(
  { route: "/api/v1/products", access: { kind: "role", role: "viewer" }, query: listProductsQuerySchema },
  async ({ request, principal, query }) => {
    const page = await listProducts({ workspaceId: principal!.workspaceId, ...query.sort, q: query.q, limit: query.limit, cursor: query.cursor });
    return conditionalJson(request, page!, { cacheControl: PRIVATE_REVALIDATE });
  },
);
