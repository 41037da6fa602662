import { SERIES_COLORS } from "./palette";

interface DayState {
  date: string;
  in_stock: boolean | null;
  buybox_seller: string | null;
}

interface Segment {
  value: string;
  from: string;
  to: string;
  days: number;
}

/** Consecutive days with the same value become one segment. */
function segmentsOf(points: DayState[], read: (p: DayState) => string): Segment[] {
  const segments: Segment[] = [];
  for (const p of points) {
    const value = read(p);
    const last = segments.at(-1);
    if (last && last.value === value) {
      last.to = p.date;
      last.days += 1;
    } else segments.push({ value, from: p.date, to: p.date, days: 1 });
  }
  return segments;
}

const STOCK_COLORS: Record<string, string> = { "In stock": "#15803d", "Out of stock": "#b42318", Unknown: "#c5ccd8" };

function Bar({ label, segments, color }: { label: string; segments: Segment[]; color: (value: string) => string }) {
  return (
    <div className="timeline-row">
      <span className="subtle" style={{ margin: 0 }} aria-hidden="true">{label}</span>
      <div className="timeline-bar" aria-hidden="true">
        {segments.map((s) => (
          <span key={s.from} style={{ flexGrow: s.days, background: color(s.value) }} title={`${s.from} – ${s.to}: ${s.value}`} />
        ))}
      </div>
      <ol className="sr-only" aria-label={label}>
        {segments.map((s) => (
          <li key={s.from}>{`${s.from} to ${s.to}: ${s.value}`}</li>
        ))}
      </ol>
    </div>
  );
}

/** Stock and buy-box holder day by day, as two bands, with the changes listed for screen readers. */
export function AvailabilityTimeline({ points }: { points: DayState[] }) {
  if (points.length === 0) return <p className="subtle">No data in this range.</p>;
  const stock = segmentsOf(points, (p) => (p.in_stock === null ? "Unknown" : p.in_stock ? "In stock" : "Out of stock"));
  const buybox = segmentsOf(points, (p) => p.buybox_seller ?? "No buy box");
  const sellers = [...new Set(buybox.map((s) => s.value).filter((v) => v !== "No buy box"))];
  const sellerColor = (value: string) => (value === "No buy box" ? "#c5ccd8" : SERIES_COLORS[sellers.indexOf(value) % SERIES_COLORS.length]!);
  return (
    <div className="timeline" data-testid="availability-timeline">
      <Bar label="Stock" segments={stock} color={(v) => STOCK_COLORS[v]!} />
      <Bar label="Buy box" segments={buybox} color={sellerColor} />
      <ul className="legend" aria-hidden="true">
        {Object.entries(STOCK_COLORS).map(([name, color]) => (
          <li key={name}><i style={{ background: color }} />{name}</li>
        ))}
        {sellers.map((name) => (
          <li key={name}><i style={{ background: sellerColor(name) }} />{name}</li>
        ))}
        <li><i style={{ background: "#c5ccd8" }} />No buy box</li>
      </ul>
      <p className="subtle" style={{ margin: 0 }}>
        {points[0]!.date} – {points.at(-1)!.date}
      </p>
    </div>
  );
}
