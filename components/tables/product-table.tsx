import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { UntrackButton } from "@/components/forms/untrack-button";
import { formatCount, formatMoney, formatPct, trendClass } from "@/components/format";
import type { ProductListItem } from "@/lib/dashboard/views";
import { SortHeader } from "./sort-header";

interface ProductTableProps {
  items: ProductListItem[];
  openAlerts: Record<string, number>;
  sort: string;
  sortHref: (sort: string) => string;
  canEdit: boolean;
}

/** The tracked products with latest metrics, day-over-day and 30-day changes, trend and open alerts. */
export function ProductTable({ items, openAlerts, sort, sortHref, canEdit }: ProductTableProps) {
  const header = (label: string, column: string, numeric = true) => <SortHeader label={label} column={column} current={sort} href={sortHref} numeric={numeric} />;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Tracked products: latest day per product; changes are against 1 and 30 days before.</caption>
        <thead>
          <tr>
            {header("ASIN", "asin", false)}
            {header("Product", "title", false)}
            {header("Price", "price")}
            {header("Δ 1d", "price_change_1d")}
            {header("Δ 30d", "price_change_30d")}
            <th scope="col">30 days</th>
            {header("BSR", "bsr")}
            {header("BSR Δ 1d", "bsr_change_1d")}
            {header("Rating", "rating")}
            {header("Reviews", "reviews")}
            <th scope="col">Status</th>
            {canEdit ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => {
            const alerts = openAlerts[p.asin] ?? 0;
            return (
              <tr key={`${p.asin}:${p.marketplace}`}>
                <td><code>{p.asin}</code></td>
                {p.date === null ? (
                  <td className="title" colSpan={9}>
                    <Link href={`/products/${p.asin}`}>Waiting for the first daily run</Link>
                  </td>
                ) : (
                  <>
                    <td className="title">
                      <Link href={`/products/${p.asin}`}>{p.title ?? p.asin}</Link>
                      {p.brand ? <p className="subtle">{p.brand}{p.category ? ` · ${p.category}` : ""}</p> : null}
                    </td>
                    <td className="num">{formatMoney(p.price, p.currency)}</td>
                    <td className={`num ${trendClass(p.deltas.price["1d"].pct)}`}>{formatPct(p.deltas.price["1d"].pct)}</td>
                    <td className={`num ${trendClass(p.deltas.price["30d"].pct)}`}>{formatPct(p.deltas.price["30d"].pct)}</td>
                    <td>
                      <Sparkline
                        values={p.sparkline.map((s) => s.price)}
                        label={`Price over 30 days: ${formatMoney(p.sparkline.find((s) => s.price !== null)?.price, p.currency)} to ${formatMoney(p.price, p.currency)}`}
                      />
                    </td>
                    <td className="num">{formatCount(p.bsr)}</td>
                    <td className={`num ${trendClass(p.deltas.bsr["1d"].pct, true)}`}>{formatPct(p.deltas.bsr["1d"].pct)}</td>
                    <td className="num">{p.rating?.toFixed(1) ?? "—"}</td>
                    <td className="num">{formatCount(p.reviews)}</td>
                  </>
                )}
                <td>
                  <div className="btn-row" style={{ gap: "0.25rem", flexWrap: "nowrap" }}>
                    {p.date !== null && p.in_stock === false ? <span className="badge">Out of stock</span> : null}
                    {alerts > 0 ? (
                      <span className="badge warn">
                        <Link href={`/products/${p.asin}#alerts`}>{alerts} open {alerts === 1 ? "alert" : "alerts"}</Link>
                      </span>
                    ) : null}
                  </div>
                </td>
                {canEdit ? <td><UntrackButton asin={p.asin} /></td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
