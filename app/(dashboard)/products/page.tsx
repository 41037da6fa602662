import type { Metadata } from "next";
import Link from "next/link";
import { TrackProductsForm } from "@/components/forms/track-products-form";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { ProductTable } from "@/components/tables/product-table";
import { roleAllows } from "@/lib/auth/roles";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { loadProductsPage } from "@/lib/dashboard/load-products-page";

export const metadata: Metadata = { title: "Products" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProductsPage({ searchParams }: { searchParams: SearchParams }) {
  const [principal, params] = await Promise.all([requirePrincipal(), searchParams]);
  const data = await loadProductsPage({ workspaceId: principal.workspaceId, q: one(params.q), sort: one(params.sort), cursor: one(params.cursor) });
  const canEdit = roleAllows(principal.role, "analyst");
  const href = (extra: Record<string, string | undefined>) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: data.q || undefined, sort: data.sort === "asin" ? undefined : data.sort, ...extra })) if (v) query.set(k, v);
    const s = query.toString();
    return s ? `/products?${s}` : "/products";
  };
  const latest = data.items.reduce<string | null>((max, r) => (r.date && (!max || r.date > max) ? r.date : max), null);
  return (
    <>
      <PageHeader
        title="Products"
        summary={`${data.items.length}${data.nextCursor ? "+" : ""} tracked products${data.q ? ` matching “${data.q}”` : ""}${latest ? ` · data through ${latest}` : ""}`}
      />
      <form role="search" method="get" action="/products" className="inline" style={{ marginBottom: "1rem" }}>
        <div className="field">
          <label htmlFor="product-search">Search</label>
          <input id="product-search" type="search" name="q" defaultValue={data.q} placeholder="ASIN, title or brand" maxLength={100} />
        </div>
        {data.sort !== "asin" ? <input type="hidden" name="sort" value={data.sort} /> : null}
        <button type="submit" className="btn">Search</button>
        {data.q ? <Link className="btn" href={href({ q: undefined })}>Clear</Link> : null}
      </form>
      {data.items.length === 0 ? (
        <EmptyState title={data.q ? "No tracked product matches this search." : "No tracked products yet."}>
          {canEdit && !data.q ? <p style={{ margin: 0 }}>Paste ASINs below to start tracking; the next daily run fetches them.</p> : null}
        </EmptyState>
      ) : (
        <ProductTable items={data.items} openAlerts={data.openAlerts} sort={data.sort} sortHref={(sort) => href({ sort: sort === "asin" ? undefined : sort })} canEdit={canEdit} />
      )}
      {data.nextCursor || one(params.cursor) ? (
        <div className="table-foot">
          {one(params.cursor) ? <Link href={href({})}>First page</Link> : <span />}
          {data.nextCursor ? <Link href={href({ cursor: data.nextCursor })}>Next page →</Link> : null}
        </div>
      ) : null}
      {canEdit ? (
        <section style={{ marginTop: "1.5rem" }}>
          <TrackProductsForm />
        </section>
      ) : null}
    </>
  );
}
