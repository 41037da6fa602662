import Link from "next/link";
import { formatCount, formatMoney, formatPct, formatSigned, formatSignedCount } from "@/components/format";
import type { ComparisonDay } from "@/lib/competitions/present";

/** The main product against each competitor on one day: values, gaps (competitor minus main) and ranks in the set. */
export function GapTable({ day }: { day: ComparisonDay }) {
  const money = (v: number | null | undefined) => formatMoney(v ?? null, day.currency);
  const m = day.main;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Gaps on {day.date}: competitor minus your product. Rank 1 is best in the set.</caption>
        <thead>
          <tr>
            <th scope="col">ASIN</th>
            <th scope="col" className="num">Price</th>
            <th scope="col" className="num">Price gap</th>
            <th scope="col" className="num">BSR</th>
            <th scope="col" className="num">BSR gap</th>
            <th scope="col" className="num">Rating</th>
            <th scope="col" className="num">Rating gap</th>
            <th scope="col" className="num">Reviews</th>
            <th scope="col" className="num">Reviews gap</th>
            <th scope="col" className="num"><abbr title="Rank in the set by price (cheapest first), BSR, rating and reviews">Ranks</abbr></th>
          </tr>
        </thead>
        <tbody>
          {m ? (
            <tr className="selected">
              <th scope="row" style={{ textTransform: "none", letterSpacing: 0, color: "var(--fg)" }}><Link href={`/products/${m.asin}`}><code>{m.asin}</code></Link> <span className="badge neutral">yours</span></th>
              <td className="num">{money(m.price)}</td>
              <td className="num">—</td>
              <td className="num">{formatCount(m.bsr)}</td>
              <td className="num">—</td>
              <td className="num">{m.rating?.toFixed(1) ?? "—"}</td>
              <td className="num">—</td>
              <td className="num">{formatCount(m.reviews)}</td>
              <td className="num">—</td>
              <td className="num">{[m.rank.price, m.rank.bsr, m.rank.rating, m.rank.reviews].map((r) => r ?? "—").join(" / ")}</td>
            </tr>
          ) : null}
          {day.competitors.map((c) => (
            <tr key={c.asin}>
              <th scope="row" style={{ textTransform: "none", letterSpacing: 0, color: "var(--fg)", fontWeight: 400 }}><Link href={`/products/${c.asin}`}><code>{c.asin}</code></Link></th>
              <td className="num">{money(c.price)}</td>
              <td className="num">{c.price_gap.abs === null ? "—" : `${c.price_gap.abs > 0 ? "+" : ""}${money(c.price_gap.abs)} (${formatPct(c.price_gap.pct)})`}</td>
              <td className="num">{formatCount(c.bsr)}</td>
              <td className="num">{formatSignedCount(c.bsr_gap)}</td>
              <td className="num">{c.rating?.toFixed(1) ?? "—"}</td>
              <td className="num">{formatSigned(c.rating_gap, 1)}</td>
              <td className="num">{formatCount(c.reviews)}</td>
              <td className="num">{formatSignedCount(c.reviews_gap)}</td>
              <td className="num">{[c.rank.price, c.rank.bsr, c.rank.rating, c.rank.reviews].map((r) => r ?? "—").join(" / ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
