// npm run bench:chart — draws docs/performance.svg from the measured figures in
// docs/performance.json (its `scale` section, written by `npm run bench:scale`): ETL time per day
// and read p95 against the number of tracked ASINs, both on log–log axes, so linear growth is a
// straight line of slope 1 (drawn dashed for reference). Plain SVG text: no service, no browser.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const CHART_FILE = path.join("docs", "performance.svg");
const DATA_FILE = path.join("docs", "performance.json");

interface Latency {
  p50_ms: number;
  p95_ms: number;
}
interface ScaleSize {
  asins: number;
  etl_seconds_per_day: number;
  etl_rows_per_second: number;
  reads_cached: { product: Latency; list: Latency };
  reads_database: { product: Latency; list: Latency };
}
interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  points: Array<[number, number]>;
}

const WIDTH = 960;
const HEIGHT = 440;
const PANEL = { width: 380, height: 280, top: 70 };
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (v: number) => (v >= 1000 ? `${v / 1000}k` : String(Number(v.toPrecision(v >= 1 ? 3 : 2))));

/** Decades that cover [min, max], with 1-2-5 ticks inside them. */
function logTicks(min: number, max: number): { lo: number; hi: number; ticks: number[] } {
  const lo = 10 ** Math.floor(Math.log10(min));
  const hi = 10 ** Math.ceil(Math.log10(max));
  const ticks: number[] = [];
  for (let decade = lo; decade < hi; decade *= 10) for (const m of [1, 2, 5]) ticks.push(decade * m);
  ticks.push(hi);
  return { lo, hi, ticks: ticks.filter((t) => t >= lo && t <= hi) };
}

function panel(x0: number, title: string, yLabel: string, series: Series[]): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => y > 0);
  const xAxis = logTicks(Math.min(...xs), Math.max(...xs));
  const yAxis = logTicks(Math.min(...ys), Math.max(...ys));
  const px = (x: number) => x0 + (Math.log10(x / xAxis.lo) / Math.log10(xAxis.hi / xAxis.lo)) * PANEL.width;
  const py = (y: number) => PANEL.top + PANEL.height - (Math.log10(Math.max(y, yAxis.lo) / yAxis.lo) / Math.log10(yAxis.hi / yAxis.lo)) * PANEL.height;
  const out: string[] = [`<text x="${x0}" y="${PANEL.top - 28}" class="title">${escape(title)}</text>`];
  for (const t of yAxis.ticks) {
    out.push(`<line x1="${x0}" x2="${x0 + PANEL.width}" y1="${py(t)}" y2="${py(t)}" class="grid"/>`, `<text x="${x0 - 6}" y="${py(t) + 4}" class="tick" text-anchor="end">${fmt(t)}</text>`);
  }
  for (const t of xAxis.ticks.filter((t) => Number.isInteger(Math.log10(t)))) {
    out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${PANEL.top}" y2="${PANEL.top + PANEL.height}" class="grid"/>`, `<text x="${px(t)}" y="${PANEL.top + PANEL.height + 16}" class="tick" text-anchor="middle">${fmt(t)}</text>`);
  }
  out.push(
    `<rect x="${x0}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.height}" class="frame"/>`,
    `<text x="${x0 + PANEL.width / 2}" y="${PANEL.top + PANEL.height + 36}" class="axis" text-anchor="middle">tracked ASINs (log)</text>`,
    `<text transform="translate(${x0 - 44} ${PANEL.top + PANEL.height / 2}) rotate(-90)" class="axis" text-anchor="middle">${escape(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const points = s.points.filter((p) => p[1] > 0);
    out.push(`<polyline points="${points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ")}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ""}/>`);
    if (!s.dashed) for (const [x, y] of points) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${s.color}"><title>${escape(`${s.label}: ${fmt(x)} ASINs → ${y}`)}</title></circle>`);
    const ly = PANEL.top + 14 + i * 16;
    out.push(`<line x1="${x0 + 10}" x2="${x0 + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ""}/>`, `<text x="${x0 + 36}" y="${ly}" class="legend">${escape(s.label)}</text>`);
  });
  return out.join("\n");
}

/** The chart as SVG text, from the `scale` section of docs/performance.json. */
export function renderPerformanceChart(data: { scale?: { sizes: ScaleSize[]; measured_at: string; cpus: number } }): string {
  const scale = data.scale;
  if (!scale || scale.sizes.length === 0) throw new Error(`${DATA_FILE} has no scale figures yet: run \`npm run bench:scale\` first.`);
  const sizes = [...scale.sizes].sort((a, b) => a.asins - b.asins);
  const first = sizes[0]!;
  const etl: Series[] = [
    { label: "ETL seconds per day (measured)", color: "#1f6feb", points: sizes.map((s) => [s.asins, s.etl_seconds_per_day]) },
    { label: "linear in N (from the smallest N)", color: "#8b949e", dashed: true, points: sizes.map((s) => [s.asins, (first.etl_seconds_per_day * s.asins) / first.asins]) },
  ];
  const reads: Series[] = [
    { label: "product, from the database", color: "#cf222e", points: sizes.map((s) => [s.asins, s.reads_database.product.p95_ms]) },
    { label: "list page, from the database", color: "#bf8700", points: sizes.map((s) => [s.asins, s.reads_database.list.p95_ms]) },
    { label: "product, cached", color: "#1a7f37", points: sizes.map((s) => [s.asins, s.reads_cached.product.p95_ms]) },
    { label: "list page, cached", color: "#8250df", points: sizes.map((s) => [s.asins, s.reads_cached.list.p95_ms]) },
  ];
  const rows = sizes.map((s) => `${fmt(s.asins)}: ${s.etl_rows_per_second.toLocaleString("en-US")} rows/s`).join(" · ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 15px; font-weight: 600; fill: #24292f }
.tick { font-size: 11px; fill: #57606a }
.axis { font-size: 12px; fill: #24292f }
.legend { font-size: 11px; fill: #24292f }
.note { font-size: 11px; fill: #57606a }
.grid { stroke: #d0d7de; stroke-width: 1 }
.frame { fill: none; stroke: #8c959f }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="24" y="26" class="title">Shelfwatch at 1k–100k tracked ASINs on Postgres (measured ${escape(scale.measured_at.slice(0, 10))}, ${scale.cpus} cores)</text>
${panel(80, "Daily ETL time", "seconds per day (log)", etl)}
${panel(560, "Read latency, p95", "milliseconds (log)", reads)}
<text x="24" y="${HEIGHT - 12}" class="note">ETL throughput — ${escape(rows)}. Source: docs/performance.json, drawn by scripts/performance-chart.ts.</text>
</svg>
`;
}

/** Reads docs/performance.json and (re)writes docs/performance.svg. */
export function writePerformanceChart(): void {
  writeFileSync(CHART_FILE, renderPerformanceChart(JSON.parse(readFileSync(DATA_FILE, "utf8"))));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  writePerformanceChart();
  console.log(`wrote ${CHART_FILE} from ${DATA_FILE}`);
}
