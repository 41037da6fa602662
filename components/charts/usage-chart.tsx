"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsd } from "@/components/format";

interface UsageDay {
  date: string;
  apify_usd: number;
  llm_usd: number;
}

/** Spend per day by kind, with each daily budget drawn as a line. */
export function UsageChart({ days, budgets }: { days: UsageDay[]; budgets: { apify_daily_usd: number; llm_daily_usd: number } }) {
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="sr-only">
        Spend per day over {days.length} days: scraping {formatUsd(days.reduce((s, d) => s + d.apify_usd, 0))} in total against {formatUsd(budgets.apify_daily_usd)} a day;
        reports {formatUsd(days.reduce((s, d) => s + d.llm_usd, 0))} against {formatUsd(budgets.llm_daily_usd)} a day.
      </figcaption>
      <div className="chart-box">
        <BarChart responsive data={days} style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#e3e6ec" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} minTickGap={24} tick={{ fontSize: 12, fill: "#5b6475" }} />
          <YAxis tickFormatter={(v: number) => formatUsd(v)} width={64} tick={{ fontSize: 12, fill: "#5b6475" }} />
          <Tooltip formatter={(v) => formatUsd(typeof v === "number" ? v : null)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="apify_usd" name="Scraping (Apify)" fill="#2d5bd8" isAnimationActive={false} />
          <Bar dataKey="llm_usd" name="Reports (LLM)" fill="#b45309" isAnimationActive={false} />
          <ReferenceLine y={budgets.apify_daily_usd} stroke="#2d5bd8" strokeDasharray="4 4" label={{ value: "Apify budget", fontSize: 11, fill: "#1d3f99", position: "insideTopRight" }} />
          <ReferenceLine y={budgets.llm_daily_usd} stroke="#b45309" strokeDasharray="4 4" label={{ value: "LLM budget", fontSize: 11, fill: "#8a5300", position: "insideBottomRight" }} />
        </BarChart>
      </div>
    </figure>
  );
}
