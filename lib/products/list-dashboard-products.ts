import "server-only";
import { getDb } from "@/db/client";
import { findWorkspaceBySlug } from "@/db/queries/workspace-lookup";
import { DEFAULT_WORKSPACE_SLUG } from "@/lib/bootstrap/ensure-bootstrap";
import type { ProductRow } from "@/components/products/product-table";
import { listProducts } from "./list-products";

/**
 * The default workspace's products by ASIN, for the overview page. (Sign-in and
 * per-user workspaces arrive with the auth work; until then the page shows the default workspace.)
 */
export async function listDashboardProducts(limit = 200): Promise<{ workspace: string; rows: ProductRow[] } | null> {
  const workspace = await findWorkspaceBySlug(await getDb(), DEFAULT_WORKSPACE_SLUG);
  if (!workspace) return null;
  const page = await listProducts({ workspaceId: workspace.id, sort: "asin", descending: false, limit });
  return { workspace: workspace.name, rows: page ? (JSON.parse(page.body) as { items: ProductRow[] }).items : [] };
}
