import { ProductTable } from "@/components/products/product-table";
import { listDashboardProducts } from "@/lib/products/list-dashboard-products";

export const dynamic = "force-dynamic";

export default async function ProductsPage() {
  const data = await listDashboardProducts();
  const latest = data?.rows.reduce<string | null>((max, r) => (r.date && (!max || r.date > max) ? r.date : max), null);
  return (
    <>
      <h1>Products</h1>
      <p className="subtle">
        {data ? `${data.rows.length} tracked products in ${data.workspace}` : "No workspace yet: run npm run demo."}
        {latest ? ` · data through ${latest}` : ""}
      </p>
      <ProductTable rows={data?.rows ?? []} />
    </>
  );
}
