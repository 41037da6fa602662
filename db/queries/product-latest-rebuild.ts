import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { timedQuery } from "@/lib/observability/metrics";
import { textArrayLiteral } from "./array-literal";

// Percent change from `base` to `cur`, rounded to 2 decimals; null when there is no base.
const pct = (cur: string, base: string) =>
  `case when ${base} is not null and ${base} <> 0 and ${cur} is not null then round(((${cur} - ${base})::numeric / ${base}) * 100, 2)::float8 end`;
const diff = (cur: string, base: string) => `${cur} - ${base}`;

const DELTAS = [1, 7, 30]
  .flatMap((d) => [
    [`price_delta_${d}d`, diff("m.price_cents", `d${d}.price_cents`)],
    [`price_delta_${d}d_pct`, pct("m.price_cents", `d${d}.price_cents`)],
    [`bsr_delta_${d}d`, diff("m.bsr", `d${d}.bsr`)],
    [`bsr_delta_${d}d_pct`, pct("m.bsr", `d${d}.bsr`)],
    [`rating_delta_${d}d`, `round((m.rating - d${d}.rating)::numeric, 2)::float8`],
    [`reviews_delta_${d}d`, diff("m.reviews", `d${d}.reviews`)],
  ]);

const COPIED = [
  "price_cents", "list_price_cents", "currency", "bsr", "bsr_category", "rating", "reviews",
  "buybox_seller", "buybox_price_cents", "in_stock", "offers_count",
];
const FACTS = ["title", "brand", "category", "image_url", "url"];
const COLUMNS = ["asin", "marketplace", "date", ...FACTS, ...COPIED, ...DELTAS.map(([c]) => c), "sparkline", "refreshed_at"];

const REBUILD_SQL = `
insert into mart.product_latest (${COLUMNS.join(", ")})
select p.asin, p.marketplace, m.date,
  ${FACTS.map((c) => `p.${c}`).join(", ")},
  ${COPIED.map((c) => `m.${c}`).join(", ")},
  ${DELTAS.map(([, expr]) => expr).join(",\n  ")},
  (select coalesce(jsonb_agg(jsonb_build_object('date', s.date, 'price', s.price_cents, 'bsr', s.bsr) order by s.date), '[]'::jsonb)
     from core.product_metrics_daily s
    where s.asin = m.asin and s.marketplace = m.marketplace and s.date > m.date - 30 and s.date <= m.date),
  now()
from core.products p
join lateral (
  select * from core.product_metrics_daily x
   where x.asin = p.asin and x.marketplace = p.marketplace
   order by x.date desc limit 1
) m on true
${[1, 7, 30]
  .map((d) => `left join core.product_metrics_daily d${d} on d${d}.asin = m.asin and d${d}.marketplace = m.marketplace and d${d}.date = m.date - ${d}`)
  .join("\n")}
`;

const UPSERT_SQL = `on conflict (asin, marketplace) do update set ${COLUMNS.filter((c) => c !== "asin" && c !== "marketplace")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ")}`;

/**
 * Recomputes mart.product_latest (latest row, 1/7/30-day deltas, 30-day sparkline) from core, for
 * the given ASINs or for every product. Idempotent: it derives everything from core.
 */
export function rebuildProductLatest(db: Database, asins?: string[]): Promise<void> {
  return timedQuery("mart.rebuild_product_latest", async () => {
    // One array parameter, not one per ASIN (drizzle expands JS arrays into parameter lists).
    const filter = asins ? sql`where p.asin = any(${textArrayLiteral(asins)}::text[])` : sql``;
    await db.execute(sql`${sql.raw(REBUILD_SQL)} ${filter} ${sql.raw(UPSERT_SQL)}`);
  });
}
