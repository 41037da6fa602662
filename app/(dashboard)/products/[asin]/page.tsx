import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AvailabilityTimeline } from "@/components/charts/availability-timeline";
import { MetricChart } from "@/components/charts/metric-chart";
import { formatCount, formatMoney, formatPct, formatSigned, trendClass } from "@/components/format";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { AlertTable } from "@/components/tables/alert-table";
import { roleAllows } from "@/lib/auth/roles";
import { requirePrincipal } from "@/lib/dashboard/current-principal";
import { loadProductPage, PRODUCT_RANGES, productRangeOf } from "@/lib/dashboard/load-product-page";
import { ASIN_PATTERN, normalizeAsin } from "@/lib/products/asin";

type Props = { params: Promise<{ asin: string }>; searchParams: Promise<{ range?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: normalizeAsin((await params).asin) };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const [principal, { asin: rawAsin }, { range }] = await Promise.all([requirePrincipal(), params, searchParams]);
  const asin = normalizeAsin(rawAsin);
  if (!ASIN_PATTERN.test(asin)) notFound();
  const days = productRangeOf(range);
  const data = await loadProductPage({ workspaceId: principal.workspaceId, asin, days });
  if (!data) notFound();
  const { product: p, points } = data;
  const series = points.map((d) => ({ date: d.date, price: d.price, list_price: d.list_price, buybox_price: d.buybox_price, bsr: d.bsr, rating: d.rating, reviews: d.reviews }));
  const csv = `/api/v1/products/${asin}/metrics.csv?from=${data.from}&to=${data.to}`;
  return (
    <>
      <p className="subtle" style={{ marginBottom: "0.5rem" }}>
        <Link href="/products">← Products</Link>
      </p>
      <PageHeader
        title={p.title ?? asin}
        summary={
          <>
            <code>{asin}</code>
            {p.brand ? ` · ${p.brand}` : ""}
            {p.category ? ` · ${p.category}` : ""} · latest {p.date}
            {p.url ? (
              <>
                {" · "}
                <a href={p.url} rel="noopener noreferrer" target="_blank">View on Amazon</a>
              </>
            ) : null}
          </>
        }
        actions={
          <>
            <nav className="segmented" aria-label="Chart range">
              {PRODUCT_RANGES.map((r) => (
                <Link key={r} href={`/products/${asin}?range=${r}`} aria-current={r === days ? "true" : undefined} scroll={false}>
                  {r} days
                </Link>
              ))}
            </nav>
            <a className="btn" href={csv} download>Export CSV</a>
          </>
        }
      />
      <dl className="stats">
        <div className="stat">
          <dt>Price</dt>
          <dd>
            {formatMoney(p.price, p.currency)}
            <span className={`delta ${trendClass(p.deltas.price["7d"].pct)}`}>{formatPct(p.deltas.price["7d"].pct)} 7d</span>
          </dd>
        </div>
        <div className="stat"><dt>List price</dt><dd>{formatMoney(p.list_price, p.currency)}</dd></div>
        <div className="stat"><dt>Buy box</dt><dd>{formatMoney(p.buybox_price, p.currency)}<span className="delta subtle">{p.buybox_seller ?? "none"}</span></dd></div>
        <div className="stat">
          <dt>BSR{p.bsr_category ? ` · ${p.bsr_category}` : ""}</dt>
          <dd>
            {formatCount(p.bsr)}
            <span className={`delta ${trendClass(p.deltas.bsr["7d"].pct, true)}`}>{formatPct(p.deltas.bsr["7d"].pct)} 7d</span>
          </dd>
        </div>
        <div className="stat"><dt>Rating</dt><dd>{p.rating?.toFixed(1) ?? "—"}<span className="delta">{formatSigned(p.deltas.rating["30d"].abs, 1)} 30d</span></dd></div>
        <div className="stat"><dt>Reviews</dt><dd>{formatCount(p.reviews)}<span className="delta">{formatSigned(p.deltas.reviews["30d"].abs)} 30d</span></dd></div>
        <div className="stat"><dt>Stock</dt><dd>{p.in_stock === null ? "—" : p.in_stock ? "In stock" : "Out of stock"}{p.offers_count === null ? null : <span className="delta subtle">{p.offers_count} offers</span>}</dd></div>
      </dl>
      <div className="grid-2">
        <MetricChart
          id="chart-price"
          title={`Price · last ${days} days`}
          data={series}
          format="money"
          currency={p.currency}
          series={[
            { key: "price", label: "Price", color: "#2d5bd8" },
            { key: "buybox_price", label: "Buy-box price", color: "#b45309", dashed: true },
            { key: "list_price", label: "List price", color: "#475569", dashed: true },
          ]}
        />
        <MetricChart id="chart-bsr" title={`Best Sellers Rank · last ${days} days`} data={series} format="count" reversed series={[{ key: "bsr", label: "BSR", color: "#7c3aed" }]} />
        <MetricChart id="chart-rating" title={`Rating · last ${days} days`} data={series} format="rating" series={[{ key: "rating", label: "Rating", color: "#0f766e" }]} />
        <MetricChart id="chart-reviews" title={`Reviews · last ${days} days`} data={series} format="count" series={[{ key: "reviews", label: "Reviews", color: "#be185d" }]} />
      </div>
      <section className="card" style={{ marginTop: "1rem" }} aria-labelledby="timeline-title">
        <h2 id="timeline-title">Stock and buy box</h2>
        <AvailabilityTimeline points={points} />
      </section>
      <section id="alerts" aria-labelledby="alerts-title">
        <h2 id="alerts-title">Alerts for this product</h2>
        {data.alerts.length === 0 ? (
          <EmptyState title="No alerts for this product." />
        ) : (
          <AlertTable items={data.alerts} canAck={roleAllows(principal.role, "analyst")} showProduct={false} caption={`Alerts for ${asin}, newest first`} />
        )}
      </section>
    </>
  );
}
