/** The product page's frame while its series load: same grid, so nothing jumps when charts arrive. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite">
      <p className="subtle">Loading product…</p>
      <div className="grid-2" aria-hidden="true">
        {["Price", "Best Sellers Rank", "Rating", "Reviews"].map((t) => (
          <div key={t} className="card"><h2>{t}</h2><div className="chart-box" /></div>
        ))}
      </div>
    </div>
  );
}
