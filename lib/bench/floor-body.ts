// The body the framework-floor route and the bare node:http server both return in `npm run bench`:
// a product-sized JSON document (~1.6 KB), so only the stack underneath differs.
export const FLOOR_BODY = JSON.stringify({
  asin: "B000000000",
  marketplace: "US",
  title: "Benchmark floor body — the same bytes from every server under test",
  points: Array.from({ length: 30 }, (_, i) => ({ date: `2026-01-${String(i + 1).padStart(2, "0")}`, price: 1999 + i, bsr: 1000 + i })),
});
