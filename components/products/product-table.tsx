import { formatCount, formatMoney, formatPct } from "./format";

export interface ProductRow {
  asin: string;
  title?: string | null;
  brand?: string | null;
  category?: string | null;
  currency?: string | null;
  price?: number | null;
  bsr?: number | null;
  rating?: number | null;
  reviews?: number | null;
  in_stock?: boolean | null;
  date: string | null;
  deltas?: { price: { "1d": { pct: number | null } }; bsr: { "1d": { pct: number | null } } };
}

function trendClass(value: number | null | undefined, lowerIsBetter = false): string | undefined {
  if (!value) return undefined;
  return value > 0 !== lowerIsBetter ? "up" : "down";
}

export function ProductTable({ rows }: { rows: ProductRow[] }) {
  if (rows.length === 0) return <p className="empty">No tracked products yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="subtle" style={{ textAlign: "left", padding: "0.5rem 0.75rem" }}>Latest day per product; changes are day over day.</caption>
        <thead>
          <tr>
            <th scope="col">ASIN</th>
            <th scope="col">Product</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">Price</th>
            <th scope="col" className="num">Δ 1d</th>
            <th scope="col" className="num">BSR</th>
            <th scope="col" className="num">Δ 1d</th>
            <th scope="col" className="num">Rating</th>
            <th scope="col" className="num">Reviews</th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.asin}>
              <td><code>{p.asin}</code></td>
              <td className="title">{p.title ?? "—"}{p.brand ? <div className="subtle" style={{ margin: 0 }}>{p.brand}</div> : null}</td>
              <td>{p.category ?? "—"}</td>
              <td className="num">{formatMoney(p.price ?? null, p.currency ?? null)}</td>
              <td className={`num ${trendClass(p.deltas?.price["1d"].pct) ?? ""}`}>{formatPct(p.deltas?.price["1d"].pct ?? null)}</td>
              <td className="num">{formatCount(p.bsr ?? null)}</td>
              <td className={`num ${trendClass(p.deltas?.bsr["1d"].pct, true) ?? ""}`}>{formatPct(p.deltas?.bsr["1d"].pct ?? null)}</td>
              <td className="num">{p.rating?.toFixed(1) ?? "—"}</td>
              <td className="num">{formatCount(p.reviews ?? null)}</td>
              <td>{p.in_stock === false ? <span className="badge">Out of stock</span> : p.in_stock ? "In stock" : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
