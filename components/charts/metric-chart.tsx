"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMoney } from "@/components/format";

export type ValueFormat = "money" | "count" | "rating";

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}

interface MetricChartProps {
  title: string;
  data: Array<Record<string, string | number | null>>;
  series: ChartSeries[];
  format: ValueFormat;
  currency?: string | null;
  /** Rank charts read better upside down: number 1 at the top. */
  reversed?: boolean;
  id?: string;
}

function formatter(format: ValueFormat, currency?: string | null) {
  return (value: unknown) => {
    if (typeof value !== "number") return "—";
    if (format === "money") return formatMoney(Math.round(value), currency ?? "USD");
    if (format === "rating") return value.toFixed(1);
    return formatCount(Math.round(value));
  };
}

/** One metric over time (one line per series), with a text summary of the first series for screen readers. */
export function MetricChart({ title, data, series, format, currency, reversed, id }: MetricChartProps) {
  const show = formatter(format, currency);
  const first = series[0];
  const latest = first ? [...data].reverse().find((d) => typeof d[first.key] === "number") : undefined;
  const values = first ? data.map((d) => d[first.key]).filter((v): v is number => typeof v === "number") : [];
  const summary = latest && first
    ? `${first.label}: latest ${show(latest[first.key])} on ${latest.date}; lowest ${show(Math.min(...values))}, highest ${show(Math.max(...values))} in this range.`
    : "No data in this range.";
  return (
    <figure className="card" style={{ margin: 0 }} aria-labelledby={id ? `${id}-title` : undefined} data-testid={id}>
      <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
      <figcaption className="sr-only">{summary}</figcaption>
      {values.length === 0 ? (
        <p className="subtle">No data in this range.</p>
      ) : (
        <div className="chart-box">
          <LineChart responsive data={data} style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 8, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="#e3e6ec" vertical={false} />
            <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} minTickGap={24} tick={{ fontSize: 12, fill: "#5b6475" }} />
            <YAxis
              reversed={reversed}
              width={format === "money" ? 72 : 64}
              tickFormatter={show}
              domain={format === "rating" ? [(min: number) => Math.max(0, Math.floor(min * 2) / 2 - 0.5), 5] : ["auto", "auto"]}
              tick={{ fontSize: 12, fill: "#5b6475" }}
            />
            <Tooltip formatter={(value) => show(value)} labelStyle={{ color: "#1d2330" }} />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {/* The first series is the one that matters (the price, your product): drawn last, on top. */}
            {[...series].reverse().map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeDasharray={s.dashed ? "5 4" : undefined}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </div>
      )}
    </figure>
  );
}
