/**
 * A 30-day trend drawn as an inline SVG on the server: 200 rows of recharts would cost a large
 * client bundle and hydration for a picture that never changes.
 */
export function Sparkline({ values, label, width = 96, height = 24 }: { values: Array<number | null>; label: string; width?: number; height?: number }) {
  const known = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v !== null);
  if (known.length < 2) return <span className="subtle">—</span>;
  const min = Math.min(...known.map((p) => p.v));
  const max = Math.max(...known.map((p) => p.v));
  const span = max - min || 1;
  const step = width / Math.max(values.length - 1, 1);
  const points = known.map((p) => `${(p.i * step).toFixed(1)},${(height - 2 - ((p.v - min) / span) * (height - 4)).toFixed(1)}`).join(" ");
  const rising = known.at(-1)!.v > known[0]!.v;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke={rising ? "var(--down)" : "var(--accent)"} strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
